SELECT s.n, 'chief_code', format('road chief ''%s'' does not exist', s.ref_code)
  FROM import_staging s
 WHERE s.ref_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM road_chiefs c WHERE c.code = s.ref_code)
