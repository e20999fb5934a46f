-- What the extraction stages found in a document (mentions, quotes, dates), and the
-- collection-wide entities with their names across languages.
ALTER TABLE documents ADD COLUMN extraction TEXT;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    names TEXT NOT NULL,          -- JSON {lang: [variants]}
    mentions INTEGER NOT NULL
);

CREATE TABLE name_pairs (
    lang_a TEXT NOT NULL,
    name_a TEXT NOT NULL,
    lang_b TEXT NOT NULL,
    name_b TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (lang_a, name_a, lang_b, name_b)
) WITHOUT ROWID;
