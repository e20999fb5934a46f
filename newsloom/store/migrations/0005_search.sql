-- Search (newsloom/search/): passages of up to three sentences with their terms and
-- vector, a full-text index over the terms, and what the search needs of entities.
-- The vector index is a usearch file beside the database (DB + "-search.usearch"),
-- a cache of search_passages.vector rebuilt from this table whenever it is missing.
CREATE TABLE search_passages (
    id INTEGER PRIMARY KEY,       -- grows with each insert: the key in search_fts and the file
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    first INTEGER NOT NULL,       -- first sentence of the passage in the paragraph
    count INTEGER NOT NULL,       -- sentences in the passage
    lang TEXT,
    words TEXT NOT NULL,          -- stemmed words, space-separated (search/tokens.py)
    grams TEXT NOT NULL,          -- bigrams of Chinese and other unspaced scripts
    vector BLOB                   -- int8 row + scale (embed/blob.py); NULL for titles
);
CREATE INDEX search_passages_doc ON search_passages(doc_id);

-- Terms are already tokenised and lowercase: the ascii tokenizer splits on spaces and
-- keeps every non-ASCII character, so a Thai or Hindi term stays whole.
CREATE VIRTUAL TABLE search_fts USING fts5(
    words, grams, content='search_passages', content_rowid='id', tokenize='ascii'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'col');
CREATE TRIGGER search_passages_ai AFTER INSERT ON search_passages BEGIN INSERT INTO search_fts(rowid, words, grams) VALUES (new.id, new.words, new.grams); END;
CREATE TRIGGER search_passages_ad AFTER DELETE ON search_passages BEGIN INSERT INTO search_fts(search_fts, rowid, words, grams) VALUES ('delete', old.id, old.words, old.grams); END;

-- The documents indexed, and with which version of the tokenisation.
CREATE TABLE search_docs (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
) WITHOUT ROWID;

-- Per entity its documents (the --entity filter), and for each name key the names the
-- same actor goes by (query expansion); both rewritten by put_entities.
CREATE TABLE search_entity_docs (
    entity TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (entity, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_entity_docs_doc ON search_entity_docs(doc_id);

CREATE TABLE search_names (
    key TEXT NOT NULL,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (key, lang, name)
) WITHOUT ROWID;

-- Flags: 'entities' = 'ok' once the two tables above follow the entities table.
CREATE TABLE search_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
