-- $1 codes the plan removes: their workers follow the remaining grid of the same level that took most of
-- their grid, flagged with the grid they came from.
UPDATE grid_workers w
   SET moved_from = old.code,
       grid_id = (SELECT g.id FROM grids g WHERE g.level = old.level AND g.code <> ALL($1) AND g.geom && old.geom
                   ORDER BY ST_Area(ST_Intersection(g.geom, old.geom)) DESC, g.id LIMIT 1)
  FROM grids old
 WHERE old.code = ANY($1) AND w.grid_id = old.id
