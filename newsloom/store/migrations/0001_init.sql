-- Documents, their paragraphs, the sources they were read from, and the line
-- counts the boilerplate stage uses to spot lines that recur across an outlet.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    published TEXT,
    languages TEXT NOT NULL,      -- JSON list, largest share first
    layout TEXT NOT NULL,
    meta TEXT NOT NULL,           -- JSON of model.Metadata
    stages TEXT NOT NULL,         -- JSON {stage name: version}
    added_at TEXT NOT NULL
);

CREATE TABLE doc_sources (
    source TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX doc_sources_doc ON doc_sources(doc_id);

CREATE TABLE paragraphs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT,
    script TEXT,
    simplified TEXT,
    boilerplate INTEGER NOT NULL,
    reason TEXT,
    sentences TEXT NOT NULL,      -- JSON [[start, end], ...]
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE line_stats (
    source_key TEXT NOT NULL,
    line_hash TEXT NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (source_key, line_hash)
) WITHOUT ROWID;
