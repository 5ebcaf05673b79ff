DROP TABLE search_changes;
