DROP TABLE programme_progress;
DROP TABLE programme_followers;
DROP TABLE programme_steps;
DROP TABLE programmes;
