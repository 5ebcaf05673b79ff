-- Learning programmes in the search index (issue 18): a change to a programme is logged
-- with its id here (and dilemma_id 0, which names no dilemma), so that every server's
-- index hears of it like of a dilemma's change.
ALTER TABLE search_changes ADD COLUMN programme_id BIGINT;
