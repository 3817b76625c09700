SELECT r.geom, r.code, r.category::text AS category, r.status::text AS status, r.text, r.created_at, r.closed_at, g.code AS grid_code
  FROM reports r LEFT JOIN grids g ON g.id = r.grid_id
 ORDER BY r.code
