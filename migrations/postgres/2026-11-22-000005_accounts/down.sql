DROP TABLE notifications;
DROP TABLE membership_requests;
DROP TABLE invites;
DROP TABLE sessions;
DROP TABLE accounts;
