-- $1 code: the site as an edit starts from it (geometry in EPSG:4490, its editable properties).
SELECT geom, category::text, description, status::text, version FROM sites WHERE code = $1
