SELECT a.geom, a.code, a.name, a.level::text AS level, a.parent_code, round(ST_Area(a.geom::geography)::numeric, 1)::float8 AS area_m2
  FROM admin_areas a
 ORDER BY a.level, a.code
