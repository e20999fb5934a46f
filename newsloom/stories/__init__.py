"""Stories: documents about one real-world event, across languages."""
