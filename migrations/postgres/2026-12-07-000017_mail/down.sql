DROP TABLE mail_outbox;
DROP TABLE mail_tokens;
DROP TABLE mail_choices;
ALTER TABLE notifications DROP COLUMN mailed_at;
ALTER TABLE accounts DROP COLUMN dilemmas_mailed_until;
ALTER TABLE accounts DROP COLUMN mail_key;
ALTER TABLE accounts DROP COLUMN email_confirmed_at;
ALTER TABLE accounts DROP COLUMN email;
