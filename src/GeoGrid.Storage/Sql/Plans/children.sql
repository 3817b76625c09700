-- $1 plan id: its children as drawn now.
SELECT code, name, households, geom FROM plan_grids WHERE plan_id = $1 ORDER BY code
