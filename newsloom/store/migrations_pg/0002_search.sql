-- Search (newsloom/search/): passages of up to three sentences with their terms and
-- vector, and what the search needs of entities. The SQLite store's migration 0005, with
-- PostgreSQL's own indexes: tsvector + GIN for the terms, pgvector HNSW for the vectors.
--
-- The terms arrive tokenised (search/tokens.py); each field's tsvector is built from
-- them as they are, one lexeme per term at its position, so a phrase query
-- ('a' <-> 'b') matches exactly where the terms are consecutive. Two fields, two
-- columns: a one-term count is then answered from the GIN index without a recheck.
CREATE TABLE search_passages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- grows: "most recently indexed"
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    paragraph integer NOT NULL,
    first integer NOT NULL,       -- first sentence of the passage in the paragraph
    count integer NOT NULL,       -- sentences in the passage
    lang text,
    words text NOT NULL,          -- stemmed words, space-separated
    grams text NOT NULL,          -- bigrams of Chinese and other unspaced scripts
    words_tsv tsvector NOT NULL,
    grams_tsv tsvector NOT NULL,
    vector vector(512)            -- unit passage vector as int8-decoded; NULL for titles
);
CREATE INDEX search_passages_doc ON search_passages (doc_id);
CREATE INDEX search_passages_words ON search_passages USING gin (words_tsv);
CREATE INDEX search_passages_grams ON search_passages USING gin (grams_tsv);
CREATE INDEX search_passages_vector ON search_passages USING hnsw (vector vector_cosine_ops);

-- The documents indexed, and with which version of the tokenisation.
CREATE TABLE search_docs (
    doc_id text COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    version integer NOT NULL
);

-- Per entity its documents (the --entity filter), and for each name key the names the
-- same actor goes by (query expansion); both rewritten by put_entities.
CREATE TABLE search_entity_docs (
    entity text COLLATE "C" NOT NULL,
    doc_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (entity, doc_id)
);
CREATE INDEX search_entity_docs_doc ON search_entity_docs (doc_id);

CREATE TABLE search_names (
    key text COLLATE "C" NOT NULL,
    lang text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    PRIMARY KEY (key, lang, name)
);
