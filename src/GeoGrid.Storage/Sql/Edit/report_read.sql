-- $1 code: the report as an edit starts from it (its editable properties and place).
SELECT geom, category::text, text, version FROM reports WHERE code = $1
