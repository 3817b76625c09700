SELECT s.geom, s.code, s.category::text AS category, s.status::text AS status, s.description,
       s.found_at, s.closed_at, round(s.area_m2::numeric, 1)::float8 AS area_m2, g.code AS grid_code, z.kind::text AS zone
  FROM sites s LEFT JOIN grids g ON g.id = s.grid_id LEFT JOIN floodplain_zones z ON z.id = s.zone_id
 ORDER BY s.code
