DROP TABLE member_expertise;
