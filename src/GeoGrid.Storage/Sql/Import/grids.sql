-- $1 level. Run once per level, top down, so a parent in the same import exists before its children;
-- a child's area defaults to its parent's.
INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT s.code, s.name, s.level, p.id, coalesce(s.area_code, p.area_code), s.num, s.geom
  FROM import_staging s LEFT JOIN grids p ON s.level > 1 AND p.code = s.ref_code
 WHERE NOT s.refused AND s.level = $1 ORDER BY s.n
