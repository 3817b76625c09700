-- $1 code, $2 name, $3 level, $4 parent code, $5 area code, $6 households, $7 geom. A level-2/3 grid
-- needs an existing parent; its area defaults to the parent's. No row when a reference is missing.
INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT $1, $2, $3, p.id, coalesce($5, p.area_code), $6, $7
  FROM (SELECT NULL::bigint AS id, NULL::text AS area_code WHERE $3 = 1
        UNION ALL SELECT g.id, g.area_code FROM grids g WHERE $3 > 1 AND g.code = $4) p
 WHERE coalesce($5, p.area_code) IN (SELECT code FROM admin_areas)
RETURNING id
