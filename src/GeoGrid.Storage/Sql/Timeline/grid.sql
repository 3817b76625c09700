-- $1 grid code, $2 whether actors are shown, $3 limit: what happened in the grid and the grids under
-- it — the events of its sites and reports, newest first — as one JSON array. No row without the grid.
WITH RECURSIVE g AS (
    SELECT id FROM grids WHERE code = $1
    UNION ALL
    SELECT c.id FROM grids c JOIN g ON c.parent_id = g.id
), items AS (
    (SELECT 'sites' AS collection, s.code, s.category::text AS category, e.status::text AS status, e.at, e.note, e.actor, e.id
       FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.grid_id IN (SELECT id FROM g) ORDER BY e.at DESC LIMIT $3)
    UNION ALL
    (SELECT 'reports', r.code, r.category::text, e.status::text, e.at, e.note, e.actor, e.id
       FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.grid_id IN (SELECT id FROM g) ORDER BY e.at DESC LIMIT $3)
)
SELECT coalesce(json_agg(json_build_object('collection', collection, 'feature', code, 'category', category, 'status', status,
                                           'at', at, 'note', note, 'actor', CASE WHEN $2 THEN nullif(actor, '') END) ORDER BY at DESC, id DESC), '[]'::json)::text
  FROM (SELECT * FROM items ORDER BY at DESC, id DESC LIMIT $3) i
HAVING EXISTS (SELECT 1 FROM g)
