"""Language, script and sentences: the ``lang.*`` stages.

``detect`` tells the language of every paragraph (and Simplified vs
Traditional Chinese), ``layout`` the document's languages and how they are laid
out, ``sentences`` the sentence spans of every paragraph.
"""
