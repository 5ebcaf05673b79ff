ALTER TABLE dilemmas DROP COLUMN accepted_remote;
