-- $1 plan id: the parent's children that changed since the plan started — changed version, removed or
-- added — with what happened to them.
WITH cur AS (SELECT g.code, g.version FROM grids g JOIN grids p ON p.id = g.parent_id JOIN plans pl ON pl.parent_code = p.code WHERE pl.id = $1)
SELECT coalesce(c.code, b.code),
       CASE WHEN b.code IS NULL THEN 'added' WHEN c.code IS NULL THEN 'removed' ELSE 'changed to version ' || c.version END
  FROM cur c FULL JOIN (SELECT code, version FROM plan_base WHERE plan_id = $1) b ON b.code = c.code
 WHERE c.version IS DISTINCT FROM b.version
 ORDER BY 1
