-- $1 plan id, $2 grid code, $3 its workers as a JSON array of {name, role, phone}: kept in the plan.
INSERT INTO plan_workers (plan_id, code, workers) VALUES ($1, $2, $3::jsonb)
ON CONFLICT (plan_id, code) DO UPDATE SET workers = excluded.workers
