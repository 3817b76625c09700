-- $1 plan id: the grids below the plan's root that changed since the plan started — changed version,
-- removed or added — with what happened to them.
WITH cur AS (SELECT s.code, s.version FROM plans p, plan_subtree(p.root_kind, p.parent_code) s WHERE p.id = $1)
SELECT coalesce(c.code, b.code),
       CASE WHEN b.code IS NULL THEN 'added' WHEN c.code IS NULL THEN 'removed' ELSE 'changed to version ' || c.version END
  FROM cur c FULL JOIN (SELECT code, version FROM plan_base WHERE plan_id = $1) b ON b.code = c.code
 WHERE c.version IS DISTINCT FROM b.version
 ORDER BY 1
