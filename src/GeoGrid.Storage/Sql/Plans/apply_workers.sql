-- $1 parent id, $2 codes the plan removes: their workers follow the remaining child that took most of
-- their grid, flagged with the grid they came from.
UPDATE grid_workers w
   SET moved_from = old.code,
       grid_id = (SELECT g.id FROM grids g WHERE g.parent_id = $1 AND g.code <> ALL($2) AND g.geom && old.geom
                   ORDER BY ST_Area(ST_Intersection(g.geom, old.geom)) DESC, g.id LIMIT 1)
  FROM grids old
 WHERE old.parent_id = $1 AND old.code = ANY($2) AND w.grid_id = old.id
