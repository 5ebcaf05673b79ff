ALTER TABLE search_changes DROP COLUMN programme_id;
