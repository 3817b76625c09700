-- "Who is responsible here?" for a point or polygon $1 (EPSG:4490) and a radius $2 in metres, as one
-- JSON document; the nearest road only within $3 metres (a chief 16 km away is nobody's answer).
-- (json, not jsonb, keeps the members in this order.) Radius searches filter by box first (r / 90 km per degree covers longitude and
-- latitude at Zhengzhou's 34–35°N), then by geodesic distance; the nearest road is the geodesically
-- nearest of the 10 nearest in degrees. Phones are whole only when $4 (the caller's role is entitled to
-- them), else masked as public notices print them (138****1234).
WITH q AS (SELECT $1::geometry AS g, $2::float8 AS r, ST_Expand($1::geometry, $2::float8 / 90000.0) AS box, $3::float8 AS road_r, $4::boolean AS phones)
SELECT json_build_object(
  'admin_areas', (SELECT coalesce(jsonb_agg(jsonb_build_object('code', a.code, 'name', a.name, 'level', a.level) ORDER BY a.level, a.code), '[]')
                    FROM admin_areas a, q WHERE ST_Intersects(a.geom, q.g)),
  'grids', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'code', g.code, 'name', g.name, 'level', g.level, 'households', g.households,
                     'workers', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', w.name, 'role', w.role, 'phone', CASE WHEN q.phones THEN w.phone ELSE overlay(w.phone PLACING '****' FROM 4 FOR 4) END) ORDER BY w.role, w.id), '[]')
                                   FROM grid_workers w WHERE w.grid_id = g.id)) ORDER BY g.level, g.code), '[]')
              FROM grids g, q WHERE ST_Intersects(g.geom, q.g)),
  'floodplain_zones', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', z.kind, 'name', z.name, 'rules', z.rules) ORDER BY z.kind), '[]')
                         FROM floodplain_zones z, q WHERE ST_Intersects(z.geom, q.g)),
  'nearest_road', (SELECT jsonb_build_object(
                     'code', n.code, 'road_name', n.road_name, 'seq', n.seq, 'distance_m', round(n.d::numeric, 1),
                     'chief', CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('code', c.code, 'name', c.name, 'level', c.level, 'phone', CASE WHEN q.phones THEN c.phone ELSE overlay(c.phone PLACING '****' FROM 4 FOR 4) END) END,
                     'duty_units', (SELECT count(*) FROM duty_units u WHERE u.segment_id = n.id))
                     FROM (SELECT s.*, ST_Distance(s.geom::geography, q.g::geography) AS d
                             FROM (SELECT * FROM road_segments s, q ORDER BY s.geom <-> q.g LIMIT 10) s, q
                            ORDER BY d LIMIT 1) n
                     LEFT JOIN road_chiefs c ON c.id = n.chief_id, q WHERE n.d <= q.road_r),
  'open_sites', (SELECT coalesce(jsonb_agg(jsonb_build_object('code', s.code, 'category', s.category, 'status', s.status, 'distance_m', round(s.d::numeric, 1)) ORDER BY s.d), '[]')
                   FROM (SELECT s.*, ST_Distance(s.geom::geography, q.g::geography) AS d FROM sites s, q
                          WHERE s.geom && q.box AND s.status NOT IN ('accepted', 'rejected', 'duplicate')) s, q WHERE s.d <= q.r),
  'open_reports', (SELECT jsonb_build_object('count', count(*), 'nearest',
                      coalesce((jsonb_agg(jsonb_build_object('code', r.code, 'category', r.category, 'status', r.status, 'distance_m', round(r.d::numeric, 1)) ORDER BY r.d) FILTER (WHERE r.k <= 20)), '[]'))
                     FROM (SELECT r.*, row_number() OVER (ORDER BY r.d) AS k
                             FROM (SELECT r.*, ST_Distance(r.geom::geography, q.g::geography) AS d FROM reports r, q
                                    WHERE r.geom && q.box AND r.status NOT IN ('closed', 'withdrawn')) r, q WHERE r.d <= q.r) r)
)
