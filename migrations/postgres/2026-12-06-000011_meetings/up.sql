-- Sessions (bijeenkomsten, issue 18): a collective (a support organisation) invites
-- collectives from any instance to discuss one or more dilemmas. Federated as a
-- Mobilizon-compatible Event; registrations as Join / Leave answered by Accept,
-- TentativeAccept (waiting list) or Reject. Keep equivalent to
-- ../../sqlite/2026-12-06-000011_meetings/up.sql.
CREATE TABLE meetings (
    id BIGSERIAL PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    local BOOLEAN NOT NULL,
    -- The organising collective.
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- Markdown as written (empty when another server sent only HTML).
    source TEXT NOT NULL,
    -- Sanitised HTML.
    content TEXT NOT NULL,
    -- online | physical | hybrid
    mode TEXT NOT NULL,
    -- UTC; shown in time_zone (an IANA name).
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    -- Only for local sessions: told to registered collectives with their place.
    meeting_link TEXT,
    -- NULL: no limit.
    capacity BIGINT,
    -- Remote sessions: as their organiser last said. Local ones count their rows.
    participant_count BIGINT NOT NULL DEFAULT 0,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    -- What came out of it, written by the organiser afterwards: conclusions (sanitised HTML
    -- and the Markdown written), and the collectives that took part (ActivityPub ids, one
    -- per line). NULL outcome_at: not written yet.
    outcome TEXT NOT NULL DEFAULT '',
    outcome_source TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    outcome_at TIMESTAMP,
    published TIMESTAMP NOT NULL,
    updated TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_collective ON meetings (collective_id, starts_at);

-- The dilemmas a meeting is about, by ActivityPub id (one may not be stored here), in the
-- organiser's order: the first is the Event's `context`.
CREATE TABLE meeting_dilemmas (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    dilemma TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, dilemma)
);
CREATE INDEX meeting_dilemmas_dilemma ON meeting_dilemmas (dilemma);

-- One per collective and session. On the organiser's instance the state is decided; on the
-- registering instance it is what the organiser answered.
CREATE TABLE meeting_registrations (
    id BIGSERIAL PRIMARY KEY,
    -- The id of the (latest) Join.
    ap_id TEXT NOT NULL UNIQUE,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- Who registered.
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- The collective registered (ActivityPub id); a person registering for themselves
    -- from software without collectives (Mobilizon) is their own.
    collective TEXT NOT NULL,
    -- pending | accepted | waiting | cancelled | rejected
    state TEXT NOT NULL,
    -- A remote session's link, as its organiser told us with the place.
    meeting_link TEXT,
    -- Orders the waiting list.
    registered_at TIMESTAMP NOT NULL,
    -- When the collective's members were reminded, a day before; NULL: not yet.
    reminded_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, collective)
);

-- A solution proposed at a session (a candidate from its outcome): the session's id.
ALTER TABLE replies ADD COLUMN from_meeting TEXT;

-- A reminder a day before a session a member's collective has a place at.
ALTER TABLE accounts ADD COLUMN notify_session_reminders BOOLEAN NOT NULL DEFAULT TRUE;
-- Being mentioned (`@name@host`) in a solution or comment, on any instance.
ALTER TABLE accounts ADD COLUMN notify_mentions BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE notifications ADD COLUMN meeting_id BIGINT REFERENCES meetings (id) ON DELETE CASCADE;

-- Invitations to answer a dilemma (koppelen): a coordinator asks a person or collective
-- (on any instance) to answer. Stored by the inviter's instance, the invited one's and the
-- dilemma's. Answered = the invited person, or someone for the invited collective, has a
-- solution or comment in the thread.
CREATE TABLE invitations (
    id BIGSERIAL PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    dilemma_id BIGINT NOT NULL REFERENCES dilemmas (id) ON DELETE CASCADE,
    -- The invited actor (person or collective).
    invited TEXT NOT NULL,
    inviter_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (dilemma_id, invited)
);
