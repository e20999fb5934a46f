"""Extraction: who, what was said, and when."""
