-- $1 plan id: the plan and its parent grid (geometry, level, area, and whether its children have children).
SELECT p.title, p.author, p.parent_code, p.status, p.revision, p.created_at, p.applied_at, g.geom, g.level, g.area_code, g.id,
       EXISTS (SELECT 1 FROM grids c JOIN grids cc ON cc.parent_id = c.id WHERE c.parent_id = g.id)
  FROM plans p JOIN grids g ON g.code = p.parent_code WHERE p.id = $1
