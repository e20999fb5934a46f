"""Briefings: one story told in the reader's language, from its originals."""
