ALTER TABLE replies DROP COLUMN content_warning;
