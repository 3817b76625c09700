-- $1 a code or a name (高村乡): the administrative areas it names, with their districts' names to tell
-- namesakes apart.
SELECT a.code, a.name, coalesce((SELECT d.name FROM admin_areas d WHERE d.code = left(a.code, 6) AND d.code <> a.code), '')
  FROM admin_areas a WHERE a.code = $1 OR a.name = $1 ORDER BY a.code LIMIT 20
