-- $1 area code prefix (or null for all), $2 the moment to judge at: open sites whose current step is
-- past its deadline (site_step_deadlines, per category), most overdue first, as one JSON array.
WITH cur AS (
    SELECT DISTINCT ON (e.site_id) e.site_id, e.status::text AS status, e.at FROM site_events e ORDER BY e.site_id, e.at DESC, e.id DESC
)
SELECT coalesce(json_agg(x ORDER BY x.overdue_days DESC, x.code), '[]'::json)::text FROM (
    SELECT s.code, s.category, s.status, cur.at AS since, cur.at + d.days * interval '1 day' AS due_at,
           round((extract(epoch FROM $2 - (cur.at + d.days * interval '1 day')) / 86400)::numeric, 2) AS overdue_days,
           (SELECT g.code FROM grids g WHERE g.id = s.grid_id) AS grid_code,
           (SELECT a.code FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(s.geom)) ORDER BY length(a.code) DESC LIMIT 1) AS area_code,
           ST_X(ST_PointOnSurface(s.geom)) AS lon, ST_Y(ST_PointOnSurface(s.geom)) AS lat
      FROM sites s JOIN cur ON cur.site_id = s.id JOIN site_step_deadlines d ON d.category = s.category AND d.status = cur.status
     WHERE cur.at + d.days * interval '1 day' < $2
) x
WHERE $1::text IS NULL OR x.area_code LIKE $1 || '%'
