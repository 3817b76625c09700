-- $1 plan id: the grids whose workers the plan sets, with the list.
SELECT code, workers::text FROM plan_workers WHERE plan_id = $1 ORDER BY code
