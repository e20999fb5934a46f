-- newsloom's PostgreSQL schema: the tables of the SQLite store (migrations/0001-0004)
-- in PostgreSQL types. The store creates the pgvector extension before this runs (so a
-- server without pgvector fails with NL323, naming the fix) and records each applied
-- file in schema_version.
--
-- Keys and names sort with COLLATE "C" (bytewise, as SQLite sorts), so listings come out
-- in the same order from both backends, and `id LIKE 'prefix%'` can use the primary key.
-- JSON columns are `json`, not `jsonb`: `json` keeps the text as written, so key order
-- (stage order, title languages) survives a round trip as it does in SQLite.
CREATE TABLE documents (
    id text COLLATE "C" PRIMARY KEY,
    source text NOT NULL,
    kind text NOT NULL,
    encoding text NOT NULL,
    title text,
    outlet text,
    outlet_key text,              -- outlet.casefold() (Python's): the search's outlet filter
    published text,               -- ISO 8601, as precise as the page gives it
    languages json NOT NULL,      -- list, largest share first
    layout text NOT NULL,
    meta json NOT NULL,           -- model.Metadata
    stages json NOT NULL,         -- {stage name: version}
    added_at timestamptz NOT NULL,
    extraction json               -- mentions, quotes, timexes
);
CREATE INDEX documents_added ON documents (added_at, id);

CREATE TABLE doc_sources (
    source text COLLATE "C" PRIMARY KEY,
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX doc_sources_doc ON doc_sources (doc_id);

CREATE TABLE paragraphs (
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx integer NOT NULL,
    role text NOT NULL,
    text text NOT NULL,
    lang text,
    script text,
    simplified text,
    boilerplate boolean NOT NULL,
    reason text,
    sentences json NOT NULL,      -- [[start, end], ...]
    vectors bytea,                -- int8 rows of embed/blob.py, one per sentence
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE line_stats (
    source_key text COLLATE "C" NOT NULL,
    line_hash text COLLATE "C" NOT NULL,
    docs integer NOT NULL,
    PRIMARY KEY (source_key, line_hash)
);

-- One row per language view; `vector` holds the view's mean vector as the SQLite store
-- returns it (decoded from its int8 blob), so both backends hand out the same floats.
CREATE TABLE views (
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang text COLLATE "C" NOT NULL,
    chars integer NOT NULL,
    vector vector(512),
    PRIMARY KEY (doc_id, lang)
);

CREATE TABLE relations (
    a text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    a_lang text COLLATE "C" NOT NULL,
    b text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    b_lang text COLLATE "C" NOT NULL,
    type text COLLATE "C" NOT NULL,
    score double precision NOT NULL,
    direction text NOT NULL,
    evidence json NOT NULL,
    PRIMARY KEY (a, a_lang, b, b_lang, type)
);
CREATE INDEX relations_b ON relations (b);

CREATE TABLE entities (
    id text COLLATE "C" PRIMARY KEY,
    type text NOT NULL,
    names json NOT NULL,          -- {lang: [variants]}
    mentions integer NOT NULL
);

CREATE TABLE name_pairs (
    lang_a text COLLATE "C" NOT NULL,
    name_a text COLLATE "C" NOT NULL,
    lang_b text COLLATE "C" NOT NULL,
    name_b text COLLATE "C" NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (lang_a, name_a, lang_b, name_b)
);

-- Stories (stories/): vectors stay int8 blobs as in SQLite; nothing searches them in SQL.
CREATE TABLE stories (
    id text COLLATE "C" PRIMARY KEY,
    titles json NOT NULL,         -- {lang: title}
    languages json NOT NULL,
    outlets json NOT NULL,
    start text,
    "end" text,
    size integer NOT NULL,
    keywords json NOT NULL,
    vector bytea,
    lead bytea,
    profile json NOT NULL,
    state json NOT NULL,
    created text COLLATE "C" NOT NULL,
    updated text NOT NULL
);

CREATE TABLE story_members (
    doc_id text COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE
);
CREATE INDEX story_members_story ON story_members (story_id);

-- `seq` gives the recording order SQLite reads from its rowid.
CREATE TABLE story_merges (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_id text NOT NULL,
    into_id text NOT NULL,
    at text NOT NULL
);
CREATE INDEX story_merges_from ON story_merges (from_id);

CREATE TABLE story_links (
    a text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    b text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    score double precision NOT NULL,
    PRIMARY KEY (a, b)
);
