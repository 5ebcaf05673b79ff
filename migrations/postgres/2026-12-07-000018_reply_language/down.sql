ALTER TABLE replies DROP COLUMN language;
