"""Every error newsloom reports to a user, with a searchable code, in one place.

An error message is one line: where (file and line when known), what went
wrong, and what to do. The CLI prints exactly that line and no traceback;
anything that is not a :class:`NewsloomError` is a bug and keeps its traceback.

Exit codes (see :data:`EXIT_CODES`): 0 all done; 1 some inputs were rejected
and the rest stored; 2 usage or configuration error; 3 the store is unusable.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Input (NL1xx): one input rejected, the others carry on.
    "NL101": "file is empty",
    "NL102": "looks binary, not text ({detail})",
    "NL103": "cannot tell the text encoding ({detail}); convert it to UTF-8",
    "NL104": "file is {size} MB, over the {limit} MB limit (setting ingest.max_file_mb)",
    "NL105": "malformed JSON line: {detail}",
    "NL106": "JSON line has no 'text' or 'html' field",
    "NL107": "no article text left after cleaning",
    "NL108": "malformed feed: {detail}",
    "NL109": "no such file or folder",
    "NL110": "cannot read: {detail}",
    "NL111": "JSON line field '{field}' must be {expected}",
    # Language (NL13x).
    "NL130": "unknown language code '{lang}' (lang.languages takes ISO 639-1 codes such as "
    "en, zh, ru)",
    # Alignment (NL140-NL149).
    "NL140": "cannot align: {detail}",
    "NL141": "cannot align: the embedder returned shape {shape} for {rows} texts "
    "(expected {rows} rows of one width)",
    "NL112": "feed item has no content (no description, summary or content element)",
    # Relations (NL150-NL159).
    "NL150": "setting 'relate.{key}' must be between {low} and {high}, got {value!r}",
    "NL151": "view vector has width {found}, the index holds width {expected}; "
    "re-embed the store with one encoder",
    # Entity linking (NL170-NL179).
    "NL170": "no entity matches '{ref}' (give an id or a name listed by `newsloom entities`)",
    "NL171": "setting 'extract.{key}' must be {expected}, got {value!r}",
    # Cleaning (NL12x).
    "NL120": "cannot parse the HTML: {detail}",
    # Store (NL3xx): the store cannot be used at all.
    "NL301": "cannot open the store: {detail}",
    "NL302": "store schema version {found} is newer than this newsloom knows ({known}); "
    "upgrade newsloom",
    "NL303": "not a newsloom store: {detail}",
    "NL304": "no document matches '{ref}' (give an id, an id prefix or a source path)",
    "NL305": "'{ref}' matches {n} documents; give more of the id",
    # Configuration and usage (NL2xx).
    "NL201": "unknown setting '{key}'",
    "NL202": "setting '{key}' must be {expected}, got {value!r}",
    "NL203": "cannot read settings file: {detail}",
    "NL205": "has only one language view ({lang}); name a second document to align it with",
    "NL206": "has no '{lang}' view (it has: {have})",
    # Models (NL4xx).
    "NL401": "cannot load model {name}: {detail}",
    "NL402": "stored vector blob of {size} bytes is not a whole number of {dim}-wide rows; "
    "re-embed the document",
    "NL403": "unknown encoder '{value}' in embed.encoder (use 'fast' or 'reference')",
}


class NewsloomError(Exception):
    """Base of every error meant for a user. ``str(err)`` is the one-line message."""

    exit_code = 1

    def __init__(self, code: str, where: str | None = None, **detail: object) -> None:
        self.code = code
        self.where = where
        self.reason = MESSAGES[code].format(**detail)
        super().__init__(f"[{code}] {where}: {self.reason}" if where else f"[{code}] {self.reason}")

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "where": self.where, "message": self.reason}


class InputError(NewsloomError, ValueError):
    """One input cannot be used; the others carry on."""

    exit_code = 1


class ConfigError(NewsloomError, ValueError):
    """A setting or a command-line argument is wrong."""

    exit_code = 2


class StoreError(NewsloomError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class NotFoundError(NewsloomError, LookupError):
    """A document, story or entity the user named does not exist."""

    exit_code = 2


class ModelError(NewsloomError):
    """A model that ships in a package could not be loaded."""

    exit_code = 3
