-- E-mail (issue 19 §1). An account may have an address; it is used only once confirmed
-- through a link sent to it. `mail_key` is the account's secret in unsubscribe links
-- (one click, no login), made when an address is set.
ALTER TABLE accounts ADD COLUMN email TEXT;
ALTER TABLE accounts ADD COLUMN email_confirmed_at TIMESTAMP;
ALTER TABLE accounts ADD COLUMN mail_key TEXT;
-- New dilemmas of followed collectives published up to this moment have been mailed (or
-- skipped); NULL: none yet (set when the address is confirmed, so no history is sent).
ALTER TABLE accounts ADD COLUMN dilemmas_mailed_until TIMESTAMP;

-- When a notification was mailed, or skipped because its kind is not mailed.
ALTER TABLE notifications ADD COLUMN mailed_at TIMESTAMP;

-- Per member and kind of notification: 'immediate', 'daily', 'weekly' or 'off'. No row:
-- the kind's default.
CREATE TABLE mail_choices (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    cadence TEXT NOT NULL,
    PRIMARY KEY (member_id, kind)
);

-- Links sent by mail: confirming an address, resetting a password. Only the SHA-256 of
-- the token is kept; a token works once and until it expires.
CREATE TABLE mail_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- Mails to send, composed when queued (so a restart sends the same words). A row is sent
-- once: claimed with a lease while it is handed to the SMTP server, then marked sent.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    unsubscribe_url TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    last_error TEXT,
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
