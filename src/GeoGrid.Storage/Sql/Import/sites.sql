-- $1 actor, $2 note of the first event. Each site routed to the level-3 grid and the floodplain zone under a point on its surface; its
-- first lifecycle event is its status (found by default) at found_at, which the row carries already.
WITH written AS (
    INSERT INTO sites (code, category, description, geom, found_at, status, closed_at, grid_id, zone_id)
    SELECT s.code, s.category::site_category, s.body, s.geom, s.at, s.status::site_status, CASE WHEN s.status = 'accepted' THEN s.at END,
           (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_PointOnSurface(s.geom)) ORDER BY g.id LIMIT 1),
           (SELECT z.id FROM floodplain_zones z WHERE ST_Intersects(z.geom, ST_PointOnSurface(s.geom)) ORDER BY z.id LIMIT 1)
      FROM import_staging s WHERE NOT s.refused ORDER BY s.n
    RETURNING id, status, found_at
)
-- (The row carries the event's status and time: no join back to the staging table by code.)
INSERT INTO site_events (site_id, status, at, note, actor)
SELECT w.id, w.status, w.found_at, $2, $1 FROM written w
