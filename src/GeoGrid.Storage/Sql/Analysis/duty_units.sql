-- 门前四包 units and the code of their segment. $1: area polygon.
SELECT u.geom, u.code, u.name, s.code AS segment
  FROM duty_units u JOIN road_segments s ON s.id = u.segment_id
 WHERE ($1::geometry IS NULL OR ST_Intersects(u.geom, $1))
 ORDER BY u.code
