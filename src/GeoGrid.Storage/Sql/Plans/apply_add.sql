-- $1 code, $2 name, $3 households, $4 polygon, $5 parent code (null: the plan's root), $6 plan id, $7 population: a grid
-- the plan adds, one level below its parent, in the administrative area of the current grid of its
-- level it overlaps most (else its parent's, else the plan's area).
WITH pl AS (SELECT parent_code FROM plans WHERE id = $6),
par AS (SELECT g.id, g.level, g.area_code FROM grids g WHERE g.id = plan_parent_id($6, $5))
INSERT INTO grids (code, name, level, parent_id, area_code, households, population, geom)
SELECT $1, $2, coalesce((SELECT level FROM par), 0) + 1, (SELECT id FROM par),
       coalesce((SELECT c.area_code FROM grids c WHERE c.level = coalesce((SELECT level FROM par), 0) + 1 AND c.geom && $4
                  ORDER BY ST_Area(ST_Intersection(c.geom, $4)) DESC, c.id LIMIT 1),
                (SELECT area_code FROM par), pl.parent_code),
       $3, $7::integer, $4
  FROM pl
