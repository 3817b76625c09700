-- $1 grid code, $2 its workers as a JSON array of {name, role, phone}: they replace the grid's workers
-- (the DELETE in WITH runs once, to completion, before the statement ends).
WITH gone AS (DELETE FROM grid_workers w USING grids g WHERE g.code = $1 AND w.grid_id = g.id RETURNING 1)
INSERT INTO grid_workers (grid_id, name, role, phone)
SELECT g.id, x.name, x.role::worker_role, x.phone
  FROM grids g, jsonb_to_recordset($2::jsonb) AS x(name text, role text, phone text)
 WHERE g.code = $1
