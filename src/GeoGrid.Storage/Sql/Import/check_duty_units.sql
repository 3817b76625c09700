SELECT s.n, 'segment_code', format('road segment ''%s'' does not exist', s.ref_code)
  FROM import_staging s
 WHERE NOT EXISTS (SELECT 1 FROM road_segments r WHERE r.code = s.ref_code)
