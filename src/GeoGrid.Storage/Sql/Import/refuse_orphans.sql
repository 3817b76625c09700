-- With --skip-invalid, a grid whose parent was in this import but refused has no parent to be written
-- under: refuse it too, naming the parent, rather than failing at the database. Run until it refuses
-- nothing more (a refused level-1 grid takes its level-2 children, then their level-3 children).
UPDATE import_staging c SET refused = true
 WHERE NOT c.refused AND c.level > 1
   AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = c.ref_code AND g.level = c.level - 1)
   AND NOT EXISTS (SELECT 1 FROM import_staging p WHERE p.code = c.ref_code AND p.level = c.level - 1 AND p.n < c.n AND NOT p.refused)
RETURNING c.n, 'parent_code', format('parent grid ''%s'' was refused', c.ref_code)
