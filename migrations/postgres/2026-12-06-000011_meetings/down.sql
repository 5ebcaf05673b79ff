DROP TABLE invitations;
ALTER TABLE accounts DROP COLUMN notify_mentions;
ALTER TABLE notifications DROP COLUMN meeting_id;
ALTER TABLE accounts DROP COLUMN notify_session_reminders;
ALTER TABLE replies DROP COLUMN from_meeting;
DROP TABLE meeting_registrations;
DROP TABLE meeting_dilemmas;
DROP TABLE meetings;
