SELECT g.geom, g.code, g.name, g.level, p.code AS parent_code, g.area_code, g.households,
       (SELECT count(*) FROM grid_workers w WHERE w.grid_id = g.id) AS workers,
       round(ST_Area(g.geom::geography)::numeric, 1)::float8 AS area_m2
  FROM grids g LEFT JOIN grids p ON p.id = g.parent_id
 ORDER BY g.level, g.code
