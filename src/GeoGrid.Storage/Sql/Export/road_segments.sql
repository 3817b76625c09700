SELECT s.geom, s.code, s.road_name, s.seq, s.district_code, c.code AS chief_code, c.name AS chief_name, c.level::text AS chief_level,
       round(ST_Length(s.geom::geography)::numeric, 1)::float8 AS length_m
  FROM road_segments s LEFT JOIN road_chiefs c ON c.id = s.chief_id
 ORDER BY s.code
