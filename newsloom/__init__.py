"""newsloom: turn a multilingual pile of news articles into stories one person can read."""

__version__ = "0.1.0"
