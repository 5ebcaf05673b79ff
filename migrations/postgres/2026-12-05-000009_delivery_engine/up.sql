-- The delivery engine of issue 16: leases on deliveries, health per instance moved once per
-- attempt round, give-ups counted. Keep equivalent to
-- ../../sqlite/2026-12-05-000009_delivery_engine/up.sql.

-- Set while a server process sends the delivery (it then also holds next_attempt_at at the
-- same time, so nobody else takes it before the lease expires); NULL when waiting.
ALTER TABLE deliveries ADD COLUMN leased_until TIMESTAMP;
-- Each host's worker asks for its own due deliveries.
CREATE INDEX deliveries_host_due ON deliveries (host, next_attempt_at);
-- Received ids are pruned by age.
CREATE INDEX received_activities_age ON received_activities (received_at);

-- failures now counts failed attempt rounds (not deliveries) since the last success.
-- When the current run of failures began: dead needs failures spread over a long time.
ALTER TABLE instances ADD COLUMN failing_since TIMESTAMP;
-- No delivery to the instance before this time (its back-off); NULL when healthy.
ALTER TABLE instances ADD COLUMN retry_at TIMESTAMP;
-- Deliveries given up because the instance was dead too long.
ALTER TABLE instances ADD COLUMN given_up BIGINT NOT NULL DEFAULT 0;
-- The server software the instance runs, from its NodeInfo (`lemmy`, `mastodon`, …): some
-- documents are only for some kinds of peer. NULL until learned.
ALTER TABLE instances ADD COLUMN software TEXT;
