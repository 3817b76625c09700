-- $1 plan id: locks the grids below the plan's root until the transaction ends (answers how many).
SELECT count(*) FROM (
    SELECT g.id FROM grids g
     WHERE g.id IN (SELECT s.id FROM plans p, plan_subtree(p.root_kind, p.parent_code) s WHERE p.id = $1)
     ORDER BY g.id FOR UPDATE
) locked
