-- $1 administrative area code (or a grid's code), $2 from, $3 to (the period [from, to)), $4 group by
-- grid level (1–3, or 0 for the area as a whole): the 随手拍 closing figures for reports filed in the
-- period inside the area — found (filed, withdrawn ones apart), closed by the period's end, the median
-- hours from filing to closing, overdue (closed after, or still open past, the category's deadline),
-- duplicates and withdrawn — per grid of the level asked, as one JSON array (the whole first).
WITH area AS (
    SELECT geom FROM admin_areas WHERE code = $1
    UNION ALL
    SELECT geom FROM grids WHERE code = $1
), r AS (
    SELECT r.*, r.created_at + d.days * interval '1 day' AS due_at,
           CASE WHEN r.closed_at < $3 THEN r.closed_at END AS closed_in
      FROM reports r JOIN report_deadlines d ON d.category = r.category
     WHERE r.created_at >= $2 AND r.created_at < $3
       AND ST_Intersects(r.geom, (SELECT geom FROM area LIMIT 1))
), grouped AS (
    -- Reports are routed to level-3 grids; their level-2 and level-1 grids are one and two parents up.
    SELECT CASE $4 WHEN 3 THEN g3.id WHEN 2 THEN g3.parent_id WHEN 1 THEN g2.parent_id END AS grp, r.*
      FROM r LEFT JOIN grids g3 ON g3.id = r.grid_id LEFT JOIN grids g2 ON g2.id = g3.parent_id
)
SELECT json_agg(x ORDER BY x.total DESC, x.grid_code)::text FROM (
    SELECT grouping(grp) = 1 AS total,
           (SELECT g.code FROM grids g WHERE g.id = grouped.grp) AS grid_code,
           (SELECT g.name FROM grids g WHERE g.id = grouped.grp) AS grid_name,
           count(*) FILTER (WHERE status <> 'withdrawn') AS found,
           count(*) FILTER (WHERE closed_in IS NOT NULL) AS closed,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_in - created_at)) FILTER (WHERE closed_in IS NOT NULL) / 3600)::numeric, 2) AS median_hours_to_close,
           count(*) FILTER (WHERE status <> 'withdrawn' AND (closed_in > due_at OR (closed_in IS NULL AND due_at < least($3, now())))) AS overdue,
           count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicates,
           count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn
      FROM grouped GROUP BY GROUPING SETS ((), (grp))
) x WHERE (x.total OR $4 <> 0) AND EXISTS (SELECT 1 FROM area)
