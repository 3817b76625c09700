-- $1 codes (or null), $2 categories (or null), $3 from, $4 to, $5 'open'/'closed' (or null), $6 limit:
-- 随手拍 reports as Open311 GeoReport v2 service requests, newest first, as one JSON array. open is
-- submitted/routed/in_progress, closed is closed/withdrawn; geogrid_status keeps the richer state.
SELECT coalesce(json_agg(x ORDER BY x.requested_datetime DESC, x.service_request_id), '[]'::json)::text FROM (
    SELECT r.code AS service_request_id,
           CASE WHEN r.status IN ('closed', 'withdrawn') THEN 'closed' ELSE 'open' END AS status,
           r.status::text AS geogrid_status,
           (SELECT e.note FROM report_events e WHERE e.report_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1) AS status_notes,
           r.category::text AS service_code,
           r.text AS description,
           (SELECT g.name FROM grids g WHERE g.id = r.grid_id) AS agency_responsible,
           (SELECT g.code FROM grids g WHERE g.id = r.grid_id) AS grid_code,
           (SELECT d.code FROM reports d WHERE d.id = r.duplicate_of) AS duplicate_of,
           to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS requested_datetime,
           to_char(coalesce((SELECT max(e.at) FROM report_events e WHERE e.report_id = r.id), r.created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS updated_datetime,
           to_char((r.created_at + d.days * interval '1 day') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS expected_datetime,
           round(ST_Y(r.geom)::numeric, 7) AS lat, round(ST_X(r.geom)::numeric, 7) AS long,
           (SELECT string_agg(a.name, ' ' ORDER BY length(a.code)) FROM admin_areas a WHERE ST_Intersects(a.geom, r.geom)) AS address,
           r.photos[1] AS media_url
      FROM reports r JOIN report_deadlines d ON d.category = r.category
     WHERE ($1::text[] IS NULL OR r.code = ANY($1))
       AND ($2::text[] IS NULL OR r.category::text = ANY($2))
       AND ($1::text[] IS NOT NULL OR (r.created_at >= $3 AND r.created_at < $4))
       AND ($5::text IS NULL OR ($5 = 'closed') = (r.status IN ('closed', 'withdrawn')))
     ORDER BY r.created_at DESC, r.code LIMIT $6
) x
