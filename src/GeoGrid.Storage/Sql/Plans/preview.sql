-- $1 plan id: the plan's children against the current ones — each code added, removed, changed or the
-- same, with before/after geodesic area (m²), households, workers, reports of the last 12 months and open
-- sites inside, and the boundary lines that move — as one JSON document.
WITH pl AS (SELECT p.*, g.id AS parent_id FROM plans p JOIN grids g ON g.code = p.parent_code WHERE p.id = $1),
cur AS (SELECT g.id, g.code, g.name, g.households, g.geom FROM grids g, pl WHERE g.parent_id = pl.parent_id),
nxt AS (SELECT pg.code, pg.name, pg.households, pg.geom FROM plan_grids pg WHERE pg.plan_id = $1),
codes AS (SELECT code FROM cur UNION SELECT code FROM nxt),
rows AS (
    SELECT k.code,
           CASE WHEN c.code IS NULL THEN 'added' WHEN n.code IS NULL THEN 'removed'
                WHEN ST_Equals(c.geom, n.geom) AND c.name = n.name AND c.households = n.households THEN 'same' ELSE 'changed' END AS change,
           c.name AS name_before, n.name AS name_after,
           round(ST_Area(c.geom::geography)::numeric) AS area_before, round(ST_Area(n.geom::geography)::numeric) AS area_after,
           c.households AS households_before, n.households AS households_after,
           (SELECT count(*) FROM grid_workers w WHERE w.grid_id = c.id) AS workers_before,
           (SELECT count(*) FROM grid_workers w JOIN cur cc ON cc.id = w.grid_id WHERE n.geom IS NOT NULL AND ST_Intersects(n.geom, ST_PointOnSurface(cc.geom))) AS workers_after,
           (SELECT count(*) FROM reports r WHERE c.geom IS NOT NULL AND r.geom && c.geom AND ST_Intersects(r.geom, c.geom) AND r.created_at > now() - interval '12 months') AS reports_before,
           (SELECT count(*) FROM reports r WHERE n.geom IS NOT NULL AND r.geom && n.geom AND ST_Intersects(r.geom, n.geom) AND r.created_at > now() - interval '12 months') AS reports_after,
           (SELECT count(*) FROM sites s WHERE n.geom IS NOT NULL AND s.geom && n.geom AND ST_Intersects(ST_PointOnSurface(s.geom), n.geom) AND s.status NOT IN ('accepted', 'rejected', 'duplicate')) AS open_sites_after,
           round((4 * pi() * ST_Area(c.geom::geography) / nullif(ST_Perimeter(c.geom::geography) ^ 2, 0))::numeric, 3) AS compactness_before,
           round((4 * pi() * ST_Area(n.geom::geography) / nullif(ST_Perimeter(n.geom::geography) ^ 2, 0))::numeric, 3) AS compactness_after,
           ST_AsGeoJSON(n.geom, 7)::json AS geometry
      FROM codes k LEFT JOIN cur c ON c.code = k.code LEFT JOIN nxt n ON n.code = k.code
)
SELECT json_build_object(
    'plan', (SELECT id FROM pl), 'parent', (SELECT parent_code FROM pl), 'revision', (SELECT revision FROM pl), 'status', (SELECT status FROM pl),
    'grids', (SELECT json_agg(rows ORDER BY code) FROM rows),
    -- Balance across siblings: households per worker, and its coefficient of variation (0 is even).
    'balance', (SELECT json_build_object(
        'households_per_worker_cv_before', round((stddev_pop(households_before::float8 / nullif(workers_before, 0)) / nullif(avg(households_before::float8 / nullif(workers_before, 0)), 0))::numeric, 3),
        'households_per_worker_cv_after', round((stddev_pop(households_after::float8 / nullif(workers_after, 0)) / nullif(avg(households_after::float8 / nullif(workers_after, 0)), 0))::numeric, 3),
        'households_cv_before', round((stddev_pop(households_before) / nullif(avg(households_before), 0))::numeric, 3),
        'households_cv_after', round((stddev_pop(households_after) / nullif(avg(households_after), 0))::numeric, 3),
        'grids_before', count(households_before), 'grids_after', count(households_after)) FROM rows),
    'moved_boundaries', (SELECT ST_AsGeoJSON(ST_Difference(
                                   (SELECT ST_Union(ST_Boundary(geom)) FROM nxt),
                                   (SELECT ST_Buffer(ST_Union(ST_Boundary(geom)), 0.000001) FROM cur)), 7)::json)
)::text
