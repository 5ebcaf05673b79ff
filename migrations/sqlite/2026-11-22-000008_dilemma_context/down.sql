ALTER TABLE dilemmas DROP COLUMN context_url;
