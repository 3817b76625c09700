-- Reports become editable through the API (a grid worker moves one to 处置中 or 已办结): like sites,
-- they carry the version an If-Match must name.
ALTER TABLE reports ADD COLUMN version integer NOT NULL DEFAULT 1;
