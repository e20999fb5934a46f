-- Stories: documents about one real-world event, across languages (stories/).
-- A story's id comes from its first member ("s-" + document id) and survives
-- re-ingest and merges (the older story keeps its id; the merge is recorded).
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    titles TEXT NOT NULL,         -- JSON {lang: title}
    languages TEXT NOT NULL,      -- JSON list, most members first
    outlets TEXT NOT NULL,        -- JSON list, most members first
    start TEXT,                   -- first publication day (ISO 8601), NULL when none known
    end TEXT,
    size INTEGER NOT NULL,        -- pieces of writing (a translation or copy counts once)
    keywords TEXT NOT NULL,       -- JSON list
    vector BLOB,                  -- sum of the pieces' centred text vectors (float32)
    lead BLOB,                    -- the same for their leads
    profile TEXT NOT NULL,        -- JSON: the counts the decision model compares
    state TEXT NOT NULL,          -- JSON: member titles, outlet and name counts
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE story_members (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE story_merges (
    from_id TEXT NOT NULL,
    into_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX story_merges_from ON story_merges(from_id);

CREATE TABLE story_links (
    a TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
