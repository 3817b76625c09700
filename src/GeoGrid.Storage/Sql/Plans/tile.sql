-- $1 z, $2 x, $3 y, $4 plan id: a vector tile of the plan (layer "plan": its children with code, name,
-- households and how each differs from the map — added, changed, same — and layer "removed": current
-- children the plan drops), for a map to draw over the current grids.
WITH pl AS (SELECT p.id, g.id AS parent_id FROM plans p JOIN grids g ON g.code = p.parent_code WHERE p.id = $4),
env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AS e4490),
kids AS (SELECT c.code, c.name, c.households, c.geom FROM grids c, pl WHERE c.parent_id = pl.parent_id),
planned AS (
    SELECT pg.code, pg.name, pg.households,
           CASE WHEN k.code IS NULL THEN 'added' WHEN ST_Equals(k.geom, pg.geom) AND k.name = pg.name AND k.households = pg.households THEN 'same' ELSE 'changed' END AS change,
           ST_AsMVTGeom(ST_Transform(pg.geom, 3857), env.e, 4096, 64, true) AS geom
      FROM plan_grids pg JOIN pl ON pg.plan_id = pl.id CROSS JOIN env LEFT JOIN kids k ON k.code = pg.code
     WHERE pg.geom && env.e4490
), removed AS (
    SELECT k.code, k.name, ST_AsMVTGeom(ST_Transform(k.geom, 3857), env.e, 4096, 64, true) AS geom
      FROM kids k CROSS JOIN env, pl
     WHERE k.geom && env.e4490 AND NOT EXISTS (SELECT 1 FROM plan_grids pg WHERE pg.plan_id = pl.id AND pg.code = k.code)
)
SELECT coalesce((SELECT ST_AsMVT(planned, 'plan', 4096, 'geom') FROM planned WHERE geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(removed, 'removed', 4096, 'geom') FROM removed WHERE geom IS NOT NULL), ''::bytea)
