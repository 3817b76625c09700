-- $1 administrative area codes: those that name no area.
SELECT c FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM admin_areas a WHERE a.code = c)
