-- $1 actor, $2 note of the first event. Each report routed to the level-3 grid containing it; its first event is its status at created_at,
-- which the row carries already (so the event trigger has nothing to rewrite). A large import brings
-- grid_id routed in-process by the same rule (the lowest id among grids containing the point).
WITH written AS (
    INSERT INTO reports (code, category, text, geom, created_at, status, closed_at, grid_id)
    SELECT s.code, s.category::report_category, s.body, s.geom, s.at, s.status::report_status, CASE WHEN s.status = 'closed' THEN s.at END,
           coalesce(s.grid_id, (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, s.geom) ORDER BY g.id LIMIT 1))
      FROM import_staging s WHERE NOT s.refused ORDER BY s.n
    RETURNING id, status, created_at
)
-- (The row carries the event's status and time: no join back to the staging table by code.)
INSERT INTO report_events (report_id, status, at, note, actor)
SELECT w.id, w.status, w.created_at, $2, $1 FROM written w
