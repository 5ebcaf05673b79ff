-- The FEP-7888 `context` collection a remote dilemma names (its thread), so the rest of
-- the thread can be fetched from it and our own answers to it can name it too. NULL for
-- local dilemmas (theirs is /d/{id}/context) and for remote ones that name none. Keep
-- equivalent to ../../sqlite/2026-11-22-000008_dilemma_context/up.sql.
ALTER TABLE dilemmas ADD COLUMN context_url TEXT;
