-- Web accounts of local members: passwords, browser sessions, invitations and notifications.
-- Keep equivalent to ../../sqlite/2026-11-22-000005_accounts/up.sql.

-- A local member who can log in. Members made only for the API (by the admin command) have
-- no row here until a password is set.
CREATE TABLE accounts (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- Argon2id, in the PHC string format.
    password_hash TEXT NOT NULL,
    -- 'active', or 'pending' while an administrator has to approve the registration.
    state TEXT NOT NULL,
    -- 'nl' or 'en'; NULL follows the browser's Accept-Language.
    language TEXT,
    notify_solutions BOOLEAN NOT NULL DEFAULT TRUE,
    notify_acceptances BOOLEAN NOT NULL DEFAULT TRUE,
    notify_confirmations BOOLEAN NOT NULL DEFAULT TRUE,
    notify_follow_requests BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Browser sessions. Only a hash of the cookie's value is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_member ON sessions (member_id);

-- Invitations to join a collective (registration by invitation). Only a hash of the code is
-- stored; a code is used once.
CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY NOT NULL,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    used_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- Which collective a registration asked to join, until it is approved.
CREATE TABLE membership_requests (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);

-- Things a member is told on their notifications page.
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- 'solution', 'acceptance', 'confirmation' or 'follow_request'.
    kind TEXT NOT NULL,
    dilemma_id BIGINT REFERENCES dilemmas (id) ON DELETE CASCADE,
    reply_id BIGINT REFERENCES replies (id) ON DELETE CASCADE,
    collective_id BIGINT REFERENCES collectives (id) ON DELETE CASCADE,
    -- Who did it, as shown: a display name or handle.
    actor_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_member ON notifications (member_id, created_at);
