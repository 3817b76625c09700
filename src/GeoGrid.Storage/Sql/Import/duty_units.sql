INSERT INTO duty_units (code, name, kind, segment_id, geom)
SELECT s.code, s.name, s.kind, r.id, s.geom
  FROM import_staging s JOIN road_segments r ON r.code = s.ref_code
 WHERE NOT s.refused ORDER BY s.n
