-- Foundation: the instance actor, collectives, members, memberships, follows, API tokens,
-- deduplication of received activities and the durable outbox. Keep equivalent to
-- ../../postgres/2026-11-22-000001_foundation/up.sql.

CREATE TABLE site (
    id BIGINT PRIMARY KEY NOT NULL,
    ap_id TEXT NOT NULL,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- People and collectives share one namespace of handles per instance.
CREATE TABLE local_handles (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE collectives (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    municipality TEXT,
    neighbourhood TEXT,
    languages TEXT NOT NULL DEFAULT 'nl',
    open BOOLEAN NOT NULL,
    inbox_url TEXT NOT NULL,
    shared_inbox_url TEXT,
    outbox_url TEXT,
    followers_url TEXT,
    public_key TEXT NOT NULL,
    private_key TEXT,
    last_refreshed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX collectives_local_name ON collectives (local, name);

CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    inbox_url TEXT NOT NULL,
    shared_inbox_url TEXT,
    public_key TEXT NOT NULL,
    private_key TEXT,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    last_refreshed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX members_local_name ON members (local, name);

CREATE TABLE memberships (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, collective_id)
);

CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    follower_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (follower_id, collective_id)
);
CREATE INDEX follows_collective ON follows (collective_id, state);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE received_activities (
    ap_id TEXT PRIMARY KEY NOT NULL,
    received_at TIMESTAMP NOT NULL
);

-- What happened, written in the same transaction as the change it describes.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    activity_id TEXT NOT NULL UNIQUE,
    activity TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    fanned_out_at TIMESTAMP
);
CREATE INDEX outbox_pending ON outbox (fanned_out_at);

-- One row per (activity, inbox) still to be delivered; deleted once delivered.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    inbox_url TEXT NOT NULL,
    host TEXT NOT NULL,
    signer_ap_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at);
