SELECT z.geom, z.kind::text AS kind, z.name, z.rules, round(ST_Area(z.geom::geography)::numeric, 1)::float8 AS area_m2
  FROM floodplain_zones z
 ORDER BY z.kind
