-- $1 administrative area codes: their names, in the order given.
SELECT string_agg(coalesce(a.name, c) || ' (' || c || ')', '、' ORDER BY o) FROM unnest($1::text[]) WITH ORDINALITY u(c, o) LEFT JOIN admin_areas a ON a.code = c
