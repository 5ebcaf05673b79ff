-- Learning programmes (issue 18): ordered paths through dilemmas, solutions, documents
-- and sessions on any instance, curated by a support organisation, followed by collectives
-- that record their progress. Federated as an Article with meent:steps. Keep equivalent to
-- ../../postgres/2026-12-06-000012_programmes/up.sql.
CREATE TABLE programmes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    -- The owning collective (a support organisation); its coordinators curate it.
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- The description: Markdown as written (empty when another server sent only HTML),
    -- and sanitised HTML.
    source TEXT NOT NULL,
    content TEXT NOT NULL,
    -- Theme ids, comma-separated (as on dilemmas).
    themes TEXT NOT NULL DEFAULT '',
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    published TIMESTAMP NOT NULL,
    updated TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX programmes_collective ON programmes (collective_id);

-- A programme's steps in order (position from 1): a short text and the dilemma, solution,
-- document or session it points at (its URL, on any instance).
CREATE TABLE programme_steps (
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (programme_id, position)
);

-- Collectives that follow a programme. On the owner's instance every follower; on a
-- follower's instance its own follows. Sent as a Follow by the collective, answered by an
-- Accept from the owner.
CREATE TABLE programme_followers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    -- The id of the Follow activity.
    follow_ap_id TEXT NOT NULL UNIQUE,
    accepted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (programme_id, collective_id)
);

-- How far a following collective is, per step: stored on its own instance and on the
-- owner's, where the curator sees it.
CREATE TABLE programme_progress (
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    done BOOLEAN NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (programme_id, collective_id, position)
);
