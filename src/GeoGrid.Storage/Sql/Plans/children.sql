-- $1 plan id: its grids as drawn now, each with its parent inside the plan (null: the root) and population.
SELECT code, name, households, geom, parent, population FROM plan_grids WHERE plan_id = $1 ORDER BY code
