-- $1 plan id: the plan's grids against the map — each grid added, removed, changed (outline, name,
-- households or parent) or the same, with before/after parent, geodesic area (m²), households, workers,
-- reports of the last 12 months and open sites inside, and the boundary lines that move — as one JSON
-- document. The root's children are always listed; deeper grids when they change.
WITH RECURSIVE pl AS (SELECT p.* FROM plans p WHERE p.id = $1),
cur AS (SELECT s.* FROM pl, plan_subtree(pl.root_kind, pl.parent_code) s),
nxt AS (
    SELECT pg.code, pg.name, pg.households, pg.population, pg.geom, pg.parent, 1 AS depth FROM plan_grids pg WHERE pg.plan_id = $1 AND pg.parent IS NULL
    UNION ALL
    SELECT pg.code, pg.name, pg.households, pg.population, pg.geom, pg.parent, n.depth + 1 FROM plan_grids pg JOIN nxt n ON pg.parent = n.code WHERE pg.plan_id = $1
),
codes AS (SELECT code FROM cur UNION SELECT code FROM nxt),
compared AS (
    SELECT k.code, c.id AS cur_id, c.geom AS cur_geom, n.geom AS nxt_geom, coalesce(n.depth, c.depth) AS depth,
           CASE WHEN c.code IS NULL THEN 'added' WHEN n.code IS NULL THEN 'removed'
                WHEN ST_Equals(c.geom, n.geom) AND c.name = n.name AND c.households = n.households AND c.parent IS NOT DISTINCT FROM n.parent
                     AND (SELECT g.population FROM grids g WHERE g.id = c.id) IS NOT DISTINCT FROM n.population
                     AND NOT EXISTS (SELECT 1 FROM plan_workers pw WHERE pw.plan_id = $1 AND pw.code = k.code) THEN 'same'
                ELSE 'changed' END AS change,
           c.parent AS parent_before, n.parent AS parent_after,
           c.name AS name_before, n.name AS name_after, c.households AS households_before, n.households AS households_after,
           (SELECT g.population FROM grids g WHERE g.id = c.id) AS population_before, n.population AS population_after
      FROM codes k LEFT JOIN cur c ON c.code = k.code LEFT JOIN nxt n ON n.code = k.code
),
rows AS (
    SELECT x.code, x.change, x.depth, x.parent_before, x.parent_after, x.name_before, x.name_after,
           round(ST_Area(x.cur_geom::geography)::numeric) AS area_before, round(ST_Area(x.nxt_geom::geography)::numeric) AS area_after,
           x.households_before, x.households_after, x.population_before, x.population_after,
           (SELECT count(*) FROM grid_workers w WHERE w.grid_id = x.cur_id) AS workers_before,
           -- The workers the plan names for the grid, else those of today's grids of its level inside it.
           coalesce((SELECT jsonb_array_length(pw.workers) FROM plan_workers pw WHERE pw.plan_id = $1 AND pw.code = x.code AND x.nxt_geom IS NOT NULL),
                    (SELECT count(*) FROM grid_workers w JOIN cur cc ON cc.id = w.grid_id
                      WHERE x.nxt_geom IS NOT NULL AND cc.depth = x.depth AND cc.geom && x.nxt_geom AND ST_Intersects(x.nxt_geom, ST_PointOnSurface(cc.geom)))) AS workers_after,
           (SELECT count(*) FROM reports r WHERE x.cur_geom IS NOT NULL AND r.geom && x.cur_geom AND ST_Intersects(r.geom, x.cur_geom) AND r.created_at > now() - interval '12 months') AS reports_before,
           (SELECT count(*) FROM reports r WHERE x.nxt_geom IS NOT NULL AND r.geom && x.nxt_geom AND ST_Intersects(r.geom, x.nxt_geom) AND r.created_at > now() - interval '12 months') AS reports_after,
           (SELECT count(*) FROM sites s WHERE x.nxt_geom IS NOT NULL AND s.geom && x.nxt_geom AND ST_Intersects(ST_PointOnSurface(s.geom), x.nxt_geom) AND s.status NOT IN ('accepted', 'rejected', 'duplicate')) AS open_sites_after,
           round((4 * pi() * ST_Area(x.cur_geom::geography) / nullif(ST_Perimeter(x.cur_geom::geography) ^ 2, 0))::numeric, 3) AS compactness_before,
           round((4 * pi() * ST_Area(x.nxt_geom::geography) / nullif(ST_Perimeter(x.nxt_geom::geography) ^ 2, 0))::numeric, 3) AS compactness_after,
           ST_AsGeoJSON(x.nxt_geom, 7)::json AS geometry
      FROM compared x
     WHERE x.depth = 1 OR x.change <> 'same'
),
-- New edges of the grids that change, less the edges their level had (each level apart: a level-2 edge
-- drawn along old level-3 edges has still moved for level 2); pieces under half a metre are the overlay's
-- rounding along edges that stayed, not moves.
moved AS (
    SELECT piece.geom AS g
      FROM (SELECT n.depth, ST_Union(ST_Boundary(n.geom)) AS lines FROM nxt n JOIN compared x ON x.code = n.code
             WHERE x.change IN ('added', 'changed') AND NOT ST_Equals(n.geom, coalesce(x.cur_geom, ST_SetSRID('POLYGON EMPTY'::geometry, 4490)))
             GROUP BY n.depth) d,
           LATERAL ST_Dump(ST_Difference(d.lines, coalesce((SELECT ST_Union(ST_Boundary(c.geom)) FROM cur c WHERE c.depth = d.depth AND c.geom && d.lines),
                                                            ST_SetSRID('GEOMETRYCOLLECTION EMPTY'::geometry, 4490)))) piece
     WHERE ST_Length(piece.geom::geography) >= 0.5
)
SELECT json_build_object(
    'plan', (SELECT id FROM pl), 'parent', (SELECT parent_code FROM pl), 'root_kind', (SELECT root_kind FROM pl),
    'revision', (SELECT revision FROM pl), 'status', (SELECT status FROM pl),
    'grids', (SELECT json_agg(rows ORDER BY depth, code) FROM rows),
    -- Balance across the root's children: households per worker, and its coefficient of variation (0 is even).
    'balance', (SELECT json_build_object(
        'households_per_worker_cv_before', round((stddev_pop(households_before::float8 / nullif(workers_before, 0)) / nullif(avg(households_before::float8 / nullif(workers_before, 0)), 0))::numeric, 3),
        'households_per_worker_cv_after', round((stddev_pop(households_after::float8 / nullif(workers_after, 0)) / nullif(avg(households_after::float8 / nullif(workers_after, 0)), 0))::numeric, 3),
        'households_cv_before', round((stddev_pop(households_before) / nullif(avg(households_before), 0))::numeric, 3),
        'households_cv_after', round((stddev_pop(households_after) / nullif(avg(households_after), 0))::numeric, 3),
        'grids_before', count(households_before), 'grids_after', count(households_after)) FROM rows WHERE depth = 1),
    'moved_boundaries', (SELECT ST_AsGeoJSON(ST_LineMerge(ST_Collect(g)), 7)::json FROM moved)
)::text
