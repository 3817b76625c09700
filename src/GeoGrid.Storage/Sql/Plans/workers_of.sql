-- $1 grid code: its workers now, as the JSON array a plan sets them with (for the audit's "before").
SELECT coalesce(json_agg(json_build_object('name', w.name, 'role', w.role, 'phone', w.phone) ORDER BY w.id), '[]')::text
  FROM grid_workers w JOIN grids g ON g.id = w.grid_id WHERE g.code = $1
