-- $1 ids of the grids the plan reshapes or removes, $2 codes it removes: reports and sites in them go to
-- the grid of the same level (as it now is, removed ones aside) that contains them; each keeps the grid
-- it was filed in.
WITH olds AS (SELECT id, level FROM grids WHERE id = ANY($1)),
r AS (
    UPDATE reports r SET filed_grid_id = coalesce(r.filed_grid_id, r.grid_id),
                         grid_id = (SELECT g.id FROM grids g JOIN olds o ON g.level = o.level
                                     WHERE o.id = r.grid_id AND g.code <> ALL($2) AND g.geom && r.geom AND ST_Intersects(g.geom, r.geom) ORDER BY g.id LIMIT 1)
     WHERE r.grid_id = ANY($1)
       AND r.grid_id IS DISTINCT FROM (SELECT g.id FROM grids g JOIN olds o ON g.level = o.level
                                        WHERE o.id = r.grid_id AND g.code <> ALL($2) AND g.geom && r.geom AND ST_Intersects(g.geom, r.geom) ORDER BY g.id LIMIT 1)
    RETURNING 1
), s AS (
    UPDATE sites s SET filed_grid_id = coalesce(s.filed_grid_id, s.grid_id),
                       grid_id = (SELECT g.id FROM grids g JOIN olds o ON g.level = o.level
                                   WHERE o.id = s.grid_id AND g.code <> ALL($2) AND ST_Intersects(g.geom, ST_PointOnSurface(s.geom)) ORDER BY g.id LIMIT 1)
     WHERE s.grid_id = ANY($1)
       AND s.grid_id IS DISTINCT FROM (SELECT g.id FROM grids g JOIN olds o ON g.level = o.level
                                        WHERE o.id = s.grid_id AND g.code <> ALL($2) AND ST_Intersects(g.geom, ST_PointOnSurface(s.geom)) ORDER BY g.id LIMIT 1)
    RETURNING 1
)
SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM s)
