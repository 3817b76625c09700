-- $1 code of a report just filed, $2 reporter (user name or null), $3 SHA-256 of its withdraw token,
-- $4 duplicate distance (m), $5 duplicate window (hours): keeps who filed it, links it to the first
-- open report of the same category within the distance and window before it (a likely duplicate:
-- linked, never dropped), and records its routing to its grid (分派) as an event. Answers the code it
-- duplicates (or null), the grid it was routed to and that grid's workers (phones masked: the answer
-- goes to whoever filed it). The bounding-box test lets the geometry index
-- find the candidates; 1° is at least 80 km here.
WITH linked AS (
    UPDATE reports r
       SET reporter = $2, withdraw_sha256 = $3,
           duplicate_of = (SELECT o.id FROM reports o
                            WHERE o.id <> r.id AND o.category = r.category AND o.duplicate_of IS NULL
                              AND o.status NOT IN ('closed', 'withdrawn')
                              AND o.created_at BETWEEN r.created_at - $5 * interval '1 hour' AND r.created_at
                              AND o.geom && ST_Expand(r.geom, $4 / 80000.0)
                              AND ST_DWithin(o.geom::geography, r.geom::geography, $4)
                            ORDER BY o.created_at, o.id LIMIT 1)
     WHERE r.code = $1
    RETURNING r.id, r.grid_id, r.duplicate_of, r.created_at
), routed AS (
    INSERT INTO report_events (report_id, status, at, note, actor)
    SELECT l.id, 'routed', greatest(clock_timestamp(), l.created_at), '分派至 ' || g.name, 'geogrid' FROM linked l JOIN grids g ON g.id = l.grid_id
    RETURNING 1
)
SELECT (SELECT d.code FROM reports d WHERE d.id = l.duplicate_of), (SELECT g.code FROM grids g WHERE g.id = l.grid_id),
       (SELECT coalesce(json_agg(json_build_object('name', w.name, 'role', w.role, 'phone', overlay(w.phone PLACING '****' FROM 4 FOR 4)) ORDER BY w.role, w.id), '[]'::json)::text
          FROM grid_workers w WHERE w.grid_id = l.grid_id),
       (SELECT count(*) FROM routed)
  FROM linked l
