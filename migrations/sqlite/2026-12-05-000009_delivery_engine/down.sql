ALTER TABLE instances DROP COLUMN software;
ALTER TABLE instances DROP COLUMN given_up;
ALTER TABLE instances DROP COLUMN retry_at;
ALTER TABLE instances DROP COLUMN failing_since;
DROP INDEX received_activities_age;
DROP INDEX deliveries_host_due;
ALTER TABLE deliveries DROP COLUMN leased_until;
