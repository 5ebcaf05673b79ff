ALTER TABLE replies DROP COLUMN from_meeting;
DROP TABLE meeting_registrations;
DROP TABLE meeting_dilemmas;
DROP TABLE meetings;
