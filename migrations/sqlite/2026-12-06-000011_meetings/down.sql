DROP TABLE meeting_registrations;
DROP TABLE meeting_dilemmas;
DROP TABLE meetings;
