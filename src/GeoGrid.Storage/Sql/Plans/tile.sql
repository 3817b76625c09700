-- $1 z, $2 x, $3 y, $4 plan id: a vector tile of the plan (layer "plan": the root's children and every
-- deeper grid that changes, with code, name, households and how each differs from the map —
-- added, changed, same — and layer "removed": current grids the plan drops), for a map to draw over the
-- current grids.
WITH pl AS (SELECT p.* FROM plans p WHERE p.id = $4),
env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AS e4490),
cur AS (SELECT s.* FROM pl, plan_subtree(pl.root_kind, pl.parent_code) s),
planned AS (
    SELECT pg.code, pg.name, pg.households,
           CASE WHEN c.code IS NULL THEN 'added'
                WHEN ST_Equals(c.geom, pg.geom) AND c.name = pg.name AND c.households = pg.households AND c.parent IS NOT DISTINCT FROM pg.parent THEN 'same'
                ELSE 'changed' END AS change,
           pg.parent IS NULL AS top,
           ST_AsMVTGeom(ST_Transform(pg.geom, 3857), env.e, 4096, 64, true) AS geom
      FROM plan_grids pg CROSS JOIN env LEFT JOIN cur c ON c.code = pg.code
     WHERE pg.plan_id = $4 AND pg.geom && env.e4490
), removed AS (
    SELECT c.code, c.name, c.depth, ST_AsMVTGeom(ST_Transform(c.geom, 3857), env.e, 4096, 64, true) AS geom
      FROM cur c CROSS JOIN env
     WHERE c.geom && env.e4490 AND NOT EXISTS (SELECT 1 FROM plan_grids pg WHERE pg.plan_id = $4 AND pg.code = c.code)
), shown AS (SELECT code, name, households, change, geom FROM planned WHERE geom IS NOT NULL AND (top OR change <> 'same'))
SELECT coalesce((SELECT ST_AsMVT(shown, 'plan', 4096, 'geom') FROM shown), ''::bytea)
    || coalesce((SELECT ST_AsMVT(removed, 'removed', 4096, 'geom') FROM removed WHERE geom IS NOT NULL), ''::bytea)
