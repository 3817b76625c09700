-- $1 plan id: the grids below the plan's root as the map has them now (code, name, households, outline,
-- version, parent code, id, level, population).
SELECT s.code, s.name, s.households, s.geom, s.version, s.parent, s.id, s.level, g.population
  FROM plans p, plan_subtree(p.root_kind, p.parent_code) s JOIN grids g ON g.id = s.id WHERE p.id = $1
