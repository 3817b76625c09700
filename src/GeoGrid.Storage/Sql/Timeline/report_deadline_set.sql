-- $1 category, $2 days
UPDATE report_deadlines SET days = $2 WHERE category = $1::report_category RETURNING true
