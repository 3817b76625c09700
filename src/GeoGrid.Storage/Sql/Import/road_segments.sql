-- The district is the one under the segment's middle.
INSERT INTO road_segments (code, road_name, seq, chief_id, geom, district_code)
SELECT s.code, s.name, s.num, (SELECT c.id FROM road_chiefs c WHERE c.code = s.ref_code), s.geom,
       (SELECT a.code FROM admin_areas a WHERE a.level = 'district' AND ST_Intersects(a.geom, ST_LineInterpolatePoint(s.geom, 0.5)) ORDER BY a.code LIMIT 1)
  FROM import_staging s WHERE NOT s.refused ORDER BY s.n
