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
    # Search index (NL310-NL319).
    "NL310": "cannot write the search vector index: {detail}; the folder of the store must "
    "be writable (the index is rebuilt from the store if it is deleted)",
    # PostgreSQL store (NL320-NL339).
    "NL320": "cannot connect to PostgreSQL: {detail}",
    "NL321": "unknown store URL scheme '{scheme}' (give a SQLite file path, :memory: or "
    "postgresql://user@host:port/dbname)",
    "NL322": "the PostgreSQL driver is not installed ({detail}); install newsloom[postgres]",
    "NL323": "pgvector is not available ({detail}); install it on the server and run "
    "CREATE EXTENSION vector as a superuser (docs/deployment.md)",
    "NL324": "malformed PostgreSQL URL ({detail}); expected postgresql://user@host:port/dbname",
    "NL325": "lost the connection to PostgreSQL: {detail}",
    # Configuration and usage (NL2xx).
    "NL201": "unknown setting '{key}'",
    "NL202": "setting '{key}' must be {expected}, got {value!r}",
    "NL203": "cannot read settings file: {detail}",
    "NL205": "has only one language view ({lang}); name a second document to align it with",
    "NL206": "has no '{lang}' view (it has: {have})",
    # Search (NL230-NL239).
    "NL230": "the search query has no words to search for; give a word, a name or a sentence",
    "NL231": "'{value}' is not a date; give it as YYYY-MM-DD",
    "NL232": "--since {since} is after --until {until}; nothing can match",
    "NL233": "{name} must be {expected}, got {value!r}",
    "NL234": "'{lang}' is not a language newsloom detects (lang.languages: {known})",
    "NL235": "setting 'search.{key}' must be {expected}, got {value!r}",
    # Briefing (NL240-NL249).
    "NL240": "no story matches '{ref}' (give a story id, an id prefix or a member document; "
    "`newsloom stories` lists them)",
    "NL241": "'{lang}' is not a language code (give an ISO 639-1 code such as en, zh, ru)",
    "NL242": "setting 'brief.{key}' must be {expected}, got {value!r}",
    # HTTP API (NL250-NL259).
    "NL250": "request body is over the {limit} MB limit (setting api.max_upload_mb)",
    "NL251": "this endpoint needs the header 'Authorization: Bearer TOKEN' (server token)",
    "NL252": "the bearer token is not this server's token",
    "NL253": "nothing to ingest: send files in the multipart field 'files'",
    "NL254": "the HTTP API needs a store file, not ':memory:' (give --db FILE)",
    "NL255": "invalid request: {detail}",
    "NL256": "{detail}",
    "NL259": "internal error ({detail}); see the server log",
    # Web desk (NL260-NL269).
    "NL260": "the parallel viewer needs ?a=DOC:LANG (and optionally &b=DOC:LANG)",
    # Dask cluster (NL270-NL279).
    "NL270": "bad cluster address '{address}': {detail} (give tcp://HOST:PORT or local:N)",
    "NL271": "cannot connect to the Dask scheduler at {address}: {detail}",
    "NL272": "Dask workers kept dying on {what} ({detail}); the documents stored so far are "
    "kept: run the same ingest again to finish",
    "NL273": "setting 'cluster.{key}' must be {expected}, got {value!r}",
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

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled by fields: a Dask worker's error reaches the client whole, where the default
        # would call ``cls(message)`` and look the message up as a code.
        return (_restore, (type(self), self.code, self.where, self.reason))

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "where": self.where, "message": self.reason}


def _restore(cls: type[NewsloomError], code: str, where: str | None, reason: str) -> NewsloomError:
    err = cls.__new__(cls)
    Exception.__init__(err, f"[{code}] {where}: {reason}" if where else f"[{code}] {reason}")
    err.code, err.where, err.reason = code, where, reason
    return err


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


class ClusterError(NewsloomError):
    """The Dask cluster cannot be reached, or lost work it could not redo."""

    exit_code = 3


class ModelError(NewsloomError):
    """A model that ships in a package could not be loaded."""

    exit_code = 3
