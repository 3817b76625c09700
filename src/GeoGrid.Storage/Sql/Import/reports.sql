-- $1 code, $2 category, $3 text, $4 geom (EPSG:4490), $5 created_at; routes the report to its level-3 grid.
INSERT INTO reports (code, category, text, geom, created_at, grid_id)
SELECT $1, $2::report_category, $3, $4, $5,
       (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, $4) ORDER BY g.id LIMIT 1)
RETURNING id
