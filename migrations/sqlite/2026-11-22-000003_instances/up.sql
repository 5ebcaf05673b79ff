-- How delivery to each remote instance is going. Keep equivalent to
-- ../../postgres/2026-11-22-000003_instances/up.sql.
CREATE TABLE instances (
    host TEXT PRIMARY KEY NOT NULL,
    -- Failed deliveries since the last success.
    failures INTEGER NOT NULL DEFAULT 0,
    -- Set when the instance kept failing: it is then tried only rarely.
    dead_since TIMESTAMP,
    last_success TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
