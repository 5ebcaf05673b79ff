ALTER TABLE instances DROP COLUMN last_refusal;
ALTER TABLE instances DROP COLUMN last_refusal_at;
ALTER TABLE instances DROP COLUMN refusals;
