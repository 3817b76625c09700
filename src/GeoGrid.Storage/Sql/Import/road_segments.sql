-- $1 code, $2 road name, $3 seq, $4 chief code (may be null), $5 geom; district from the segment's middle.
INSERT INTO road_segments (code, road_name, seq, chief_id, geom, district_code)
SELECT $1, $2, $3, (SELECT c.id FROM road_chiefs c WHERE c.code = $4), $5,
       (SELECT a.code FROM admin_areas a WHERE a.level = 'district' AND ST_Intersects(a.geom, ST_LineInterpolatePoint($5, 0.5)) ORDER BY a.code LIMIT 1)
WHERE $4::text IS NULL OR EXISTS (SELECT 1 FROM road_chiefs c WHERE c.code = $4)
RETURNING id
