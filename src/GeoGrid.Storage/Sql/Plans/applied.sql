-- $1 plan id: marks it applied, and names it in this transaction's grid history.
WITH p AS (UPDATE plans SET status = 'applied', applied_at = now() WHERE id = $1 RETURNING id)
SELECT set_config('geogrid.plan', $1::text, true) FROM p
