-- The search change log: one row per change to a dilemma or anything in its thread, written
-- in the same transaction as the change. Every app server's indexer follows it by its own
-- cursor (kept with its index), so each keeps its own index current. Keep equivalent to
-- ../../postgres/2026-11-22-000006_search/up.sql.
CREATE TABLE search_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    dilemma_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
