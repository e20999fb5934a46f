-- Sentence vectors beside their paragraphs, one row per language view (its mean
-- vector, for candidate search), and the relations found between views.
ALTER TABLE paragraphs ADD COLUMN vectors BLOB;

CREATE TABLE views (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    chars INTEGER NOT NULL,
    vector BLOB,
    PRIMARY KEY (doc_id, lang)
) WITHOUT ROWID;

CREATE TABLE relations (
    a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    a_lang TEXT NOT NULL,
    b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    b_lang TEXT NOT NULL,
    type TEXT NOT NULL,
    score REAL NOT NULL,
    direction TEXT NOT NULL,
    evidence TEXT NOT NULL,        -- JSON
    PRIMARY KEY (a, a_lang, b, b_lang, type)
) WITHOUT ROWID;
CREATE INDEX relations_b ON relations(b);
