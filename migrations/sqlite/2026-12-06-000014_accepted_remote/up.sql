-- The solutions another server says it accepted on one of its dilemmas (ActivityPub ids,
-- one per line), kept with the dilemma: an accepted solution that arrives after the
-- dilemma (a thread fetched later, say) is marked accepted when it is stored.
ALTER TABLE dilemmas ADD COLUMN accepted_remote TEXT NOT NULL DEFAULT '';
