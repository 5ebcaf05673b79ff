-- Documents attached to a dilemma, or to one of its solutions (reply_id set). A local
-- document's file is kept in the data folder under its content hash (`sha256`); a received
-- one is only a link to where its instance serves it (`url`). Keep equivalent to
-- ../../sqlite/2026-11-22-000007_documents/up.sql.
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    local BOOLEAN NOT NULL,
    dilemma_id BIGINT NOT NULL REFERENCES dilemmas (id) ON DELETE CASCADE,
    reply_id BIGINT REFERENCES replies (id) ON DELETE CASCADE,
    uploader_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    licence TEXT NOT NULL,
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_dilemma ON documents (dilemma_id);
CREATE INDEX documents_reply ON documents (reply_id);
