-- $1 plan id: the grids below the plan's root as the map has them now (code, name, households, outline,
-- version, parent code, id, level).
SELECT s.code, s.name, s.households, s.geom, s.version, s.parent, s.id, s.level
  FROM plans p, plan_subtree(p.root_kind, p.parent_code) s WHERE p.id = $1
