"""What a story is shown with: a title in each of its languages, and keywords.

Both come from the members: the title in a language is the member title that
names most of what the story is about (its most frequent names), the earliest
winning ties; keywords are the story's names, most frequent first, rarer
names (by idf over the collection) before common ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.stories.idf import IdfTable
from newsloom.stories.keys import name_keys

if TYPE_CHECKING:
    from newsloom.stories.cluster import Story

KEYWORDS = 8


def titles(story: Story) -> dict[str, str]:
    """One title per language of the story, chosen among its members' titles."""
    names = story.profile.names
    out = {}
    for lang, candidates in story.titles.items():
        if candidates:
            out[lang] = max(
                candidates,
                key=lambda t: (
                    sum(names.get(k, 0) for k in name_keys("x " + t)),
                    -candidates.index(t),
                ),
            )
    return out


def keywords(story: Story, idf: IdfTable, count: int = KEYWORDS) -> list[str]:
    """The story's names as written, most frequent first, then rarest first."""
    weight = idf.weights("names")
    ranked = sorted(
        story.forms.items(),
        key=lambda item: (-item[1], -weight(next(iter(name_keys("x " + item[0])), "")), item[0]),
    )
    return [word for word, _n in ranked[:count]]
