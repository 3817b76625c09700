-- Moves the staged demo rows into the real tables, resolving codes to ids, and routes every site and
-- report to the level-3 grid and floodplain zone that contain it.
INSERT INTO admin_areas (code, name, level, parent_code, geom)
SELECT code, name, level::admin_level, parent_code, ST_SetSRID(geom, 4490) FROM load_admin_areas;

INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT code, name, level, NULL, area_code, households, ST_SetSRID(geom, 4490) FROM load_grids WHERE level = 1;
INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT l.code, l.name, l.level, p.id, l.area_code, l.households, ST_SetSRID(l.geom, 4490)
  FROM load_grids l JOIN grids p ON p.code = l.parent_code WHERE l.level = 2;
INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT l.code, l.name, l.level, p.id, l.area_code, l.households, ST_SetSRID(l.geom, 4490)
  FROM load_grids l JOIN grids p ON p.code = l.parent_code WHERE l.level = 3;

-- Households are counted in level-3 grids and rolled up.
UPDATE grids g SET households = s.total
  FROM (SELECT parent_id, sum(households) AS total FROM grids WHERE level = 3 GROUP BY parent_id) s WHERE g.id = s.parent_id;
UPDATE grids g SET households = s.total
  FROM (SELECT parent_id, sum(households) AS total FROM grids WHERE level = 2 GROUP BY parent_id) s WHERE g.id = s.parent_id;

INSERT INTO grid_workers (grid_id, name, role, phone)
SELECT g.id, w.name, w.role::worker_role, w.phone FROM load_workers w JOIN grids g ON g.code = w.grid_code;

INSERT INTO road_chiefs (code, name, level, phone) SELECT code, name, level::chief_level, phone FROM load_chiefs;
INSERT INTO road_segments (code, road_name, seq, district_code, chief_id, geom)
SELECT s.code, s.road_name, s.seq, s.district_code, c.id, ST_SetSRID(s.geom, 4490)
  FROM load_segments s LEFT JOIN road_chiefs c ON c.code = s.chief_code;
INSERT INTO duty_units (code, name, kind, segment_id, geom)
SELECT u.code, u.name, u.kind, s.id, ST_SetSRID(u.geom, 4490) FROM load_duty_units u JOIN road_segments s ON s.code = u.segment_code;

INSERT INTO rivers (name, geom) SELECT name, ST_SetSRID(geom, 4490) FROM load_rivers;
INSERT INTO floodplain_zones (kind, name, rules, geom) SELECT kind::floodplain_zone_kind, name, rules, ST_SetSRID(geom, 4490) FROM load_zones;

INSERT INTO sites (code, category, description, geom, found_at, grid_id, zone_id)
SELECT l.code, l.category::site_category, l.description, ST_SetSRID(l.geom, 4490),
       l.found_at,
       (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_SetSRID(ST_PointOnSurface(l.geom), 4490)) ORDER BY g.id LIMIT 1),
       (SELECT z.id FROM floodplain_zones z WHERE ST_Intersects(z.geom, ST_SetSRID(ST_PointOnSurface(l.geom), 4490)) ORDER BY z.id LIMIT 1)
  FROM load_sites l;
INSERT INTO site_events (site_id, status, at, note)
SELECT s.id, e.status::site_status, e.at, e.note FROM load_site_events e JOIN sites s ON s.code = e.site_code ORDER BY s.id, e.at;

INSERT INTO reports (code, category, text, geom, created_at, grid_id)
SELECT l.code, l.category::report_category, l.text, ST_SetSRID(l.geom, 4490),
       l.created_at,
       (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_SetSRID(l.geom, 4490)) ORDER BY g.id LIMIT 1)
  FROM load_reports l;
INSERT INTO report_events (report_id, status, at, note)
SELECT r.id, e.status::report_status, e.at, e.note FROM load_report_events e JOIN reports r ON r.code = e.report_code ORDER BY r.id, e.at;
