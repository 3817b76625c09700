SELECT u.geom, u.code, u.name, u.kind, s.code AS segment_code, s.road_name
  FROM duty_units u JOIN road_segments s ON s.id = u.segment_id
 ORDER BY u.code
