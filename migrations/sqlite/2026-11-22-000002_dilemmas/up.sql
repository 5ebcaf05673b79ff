-- Dilemmas, their solutions and comments, confirmations and likes. Keep equivalent to
-- ../../postgres/2026-11-22-000002_dilemmas/up.sql.

CREATE TABLE dilemmas (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- Markdown as written (empty when another server sent only HTML).
    source TEXT NOT NULL,
    -- Sanitised HTML.
    content TEXT NOT NULL,
    language TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    -- Theme ids and free hashtags, comma-separated.
    themes TEXT NOT NULL DEFAULT '',
    hashtags TEXT NOT NULL DEFAULT '',
    -- ContextFacets as JSON.
    facets TEXT NOT NULL DEFAULT '{}',
    published TIMESTAMP NOT NULL,
    updated TIMESTAMP,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dilemmas_collective_status ON dilemmas (collective_id, status);
CREATE INDEX dilemmas_published ON dilemmas (published);

-- Solutions (kind 'solution', replying to the dilemma) and comments (kind 'comment',
-- replying to a solution or another comment).
CREATE TABLE replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    kind TEXT NOT NULL,
    dilemma_id BIGINT NOT NULL REFERENCES dilemmas (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES replies (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- The collective the author speaks for, if any (ActivityPub id; may be remote).
    speaks_for TEXT,
    source TEXT NOT NULL,
    content TEXT NOT NULL,
    from_experience BOOLEAN NOT NULL DEFAULT FALSE,
    accepted BOOLEAN NOT NULL DEFAULT FALSE,
    published TIMESTAMP NOT NULL,
    updated TIMESTAMP,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX replies_dilemma ON replies (dilemma_id, kind);

-- "This worked for us too": one per solution and confirming collective.
CREATE TABLE confirmations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    solution_id BIGINT NOT NULL REFERENCES replies (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    collective TEXT NOT NULL,
    account TEXT NOT NULL,
    facets TEXT NOT NULL DEFAULT '{}',
    published TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (solution_id, collective)
);

CREATE TABLE likes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    actor_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    object_ap_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (actor_id, object_ap_id)
);
CREATE INDEX likes_object ON likes (object_ap_id);
