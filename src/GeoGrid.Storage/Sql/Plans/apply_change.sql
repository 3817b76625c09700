-- $1 code, $2 name, $3 households, $4 polygon, $5 parent code (null: the plan's root), $6 plan id, $7 population: a grid
-- the plan changed gets its new content, parent and version.
UPDATE grids SET name = $2, households = $3, population = $7::integer, geom = $4, parent_id = plan_parent_id($6, $5), version = version + 1, updated_at = now()
 WHERE code = $1
