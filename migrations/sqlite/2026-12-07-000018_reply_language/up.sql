-- The language an answer from another server says it is in (Lemmy's `language`, Mastodon's
-- `contentMap`), so the page can mark it with `lang`. Empty: not said.
ALTER TABLE replies ADD COLUMN language TEXT NOT NULL DEFAULT '';
