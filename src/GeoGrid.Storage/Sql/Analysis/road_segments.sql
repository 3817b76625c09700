-- 路长制 segments with their street (the town containing the segment's midpoint) and chief. $1: area polygon.
SELECT s.geom, s.code, s.road_name, s.seq, s.district_code,
       (SELECT a.code FROM admin_areas a WHERE a.level = 'town' AND ST_Intersects(a.geom, ST_LineInterpolatePoint(s.geom, 0.5)) ORDER BY a.code LIMIT 1) AS street_code,
       c.code AS chief
  FROM road_segments s LEFT JOIN road_chiefs c ON c.id = s.chief_id
 WHERE ($1::geometry IS NULL OR ST_Intersects(s.geom, $1))
 ORDER BY s.road_name, s.seq
