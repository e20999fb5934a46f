"""Cleaning: parse a raw input into paragraphs, mark clutter (never drop it), read metadata.

``parse.py`` turns text or HTML into a :class:`~newsloom.model.Document`;
``boilerplate.py`` marks navigation, credits, notices and recurring lines;
``metadata.py`` reads title, outlet, date and people from the header lines.
"""
