-- The deadlines as one JSON document: sites per category and step, reports per category (days).
SELECT json_build_object(
    'sites', (SELECT json_object_agg(category, steps) FROM (SELECT category, json_object_agg(status, days ORDER BY status) AS steps FROM site_step_deadlines GROUP BY category) s),
    'reports', (SELECT json_object_agg(category, days) FROM report_deadlines))::text
