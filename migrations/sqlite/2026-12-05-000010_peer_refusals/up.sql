-- Refusals by peers (issue 17): a 4xx answer to a delivery is final, and was invisible.
-- Counted per instance, with the last one and when, for the administrator's view. Keep
-- equivalent to ../../postgres/2026-12-05-000010_peer_refusals/up.sql.
ALTER TABLE instances ADD COLUMN refusals BIGINT NOT NULL DEFAULT 0;
ALTER TABLE instances ADD COLUMN last_refusal_at TIMESTAMP;
-- "<status> <start of the peer's answer>".
ALTER TABLE instances ADD COLUMN last_refusal TEXT;
