-- A content warning another server put on an answer (Mastodon's `summary` with
-- `sensitive`): the page folds the text under it. Empty: none.
ALTER TABLE replies ADD COLUMN content_warning TEXT NOT NULL DEFAULT '';
