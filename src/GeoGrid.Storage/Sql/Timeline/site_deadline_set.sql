-- $1 category, $2 step (status), $3 days
UPDATE site_step_deadlines SET days = $3 WHERE category = $1::site_category AND status = $2 RETURNING true
