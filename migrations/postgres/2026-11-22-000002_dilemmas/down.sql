DROP TABLE likes;
DROP TABLE confirmations;
DROP TABLE replies;
DROP TABLE dilemmas;
