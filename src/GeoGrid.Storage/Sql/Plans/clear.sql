-- $1 plan id: forget its children (they are written again whole).
DELETE FROM plan_grids WHERE plan_id = $1
