-- What a person says they know about (koppelen, issue 18): areas from the theme list and a
-- few words of their own ("jurist", "penningmeester"). A member here sets it in their
-- settings; a person elsewhere as their actor document says (meent:expertise). Keep
-- equivalent to ../../sqlite/2026-12-06-000013_member_expertise/up.sql.
CREATE TABLE member_expertise (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- Theme ids, comma-separated (as on dilemmas).
    themes TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
