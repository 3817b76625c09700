-- A level-2/3 grid needs a parent one level up, in the layer or earlier in the same import; a
-- level-1 grid an administrative area. A given area code must exist.
SELECT s.n, 'parent_code', format('parent grid ''%s'' does not exist', coalesce(s.ref_code, ''))
  FROM import_staging s
 WHERE s.level > 1
   AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = s.ref_code AND g.level = s.level - 1)
   AND NOT EXISTS (SELECT 1 FROM import_staging p WHERE p.code = s.ref_code AND p.level = s.level - 1 AND p.n < s.n)
UNION ALL
SELECT s.n, 'area_code', format('administrative area ''%s'' does not exist', coalesce(s.area_code, ''))
  FROM import_staging s
 WHERE (s.level = 1 OR s.area_code IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE a.code = s.area_code)
