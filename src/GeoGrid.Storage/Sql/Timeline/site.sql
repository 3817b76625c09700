-- $1 site code, $2 whether actors are shown: the site's timeline as one JSON document — every event
-- (who, when, what, how long the site stayed at the step before, its attachments), the times of
-- demolition and clearance and the hours between them (立拆立清), and the current step's due time.
-- No row when there is no such site.
WITH s AS (SELECT * FROM sites WHERE code = $1),
ev AS (
    SELECT e.*, lead(e.at) OVER (ORDER BY e.at, e.id) AS left_at FROM site_events e, s WHERE e.site_id = s.id
),
dem AS (SELECT max(at) AS at FROM ev WHERE status = 'demolished'),
clr AS (SELECT min(ev.at) AS at FROM ev, dem WHERE ev.status = 'cleared' AND ev.at >= dem.at),
cur AS (SELECT * FROM ev ORDER BY at DESC, id DESC LIMIT 1),
due AS (SELECT cur.at + d.days * interval '1 day' AS at FROM cur, s JOIN site_step_deadlines d ON d.category = s.category WHERE d.status = cur.status::text)
SELECT json_build_object(
    'code', s.code, 'category', s.category, 'status', s.status, 'found_at', s.found_at, 'closed_at', s.closed_at,
    'duplicate_of', (SELECT d.code FROM sites d WHERE d.id = s.duplicate_of),
    'demolished_at', (SELECT at FROM dem), 'cleared_at', (SELECT at FROM clr),
    'demolition_to_clearance_hours', round((extract(epoch FROM (SELECT at FROM clr) - (SELECT at FROM dem)) / 3600)::numeric, 2),
    'due_at', (SELECT at FROM due),
    'overdue', coalesce((SELECT at FROM due) < now(), false),
    'events', coalesce((SELECT json_agg(json_build_object(
        'id', ev.id, 'status', ev.status, 'at', ev.at, 'note', ev.note,
        'actor', CASE WHEN $2 THEN nullif(ev.actor, '') END,
        'hours_at_step', round((extract(epoch FROM coalesce(ev.left_at, now()) - ev.at) / 3600)::numeric, 2),
        'attachments', coalesce((SELECT json_agg(json_build_object('id', a.id, 'file_name', a.file_name, 'content_type', a.content_type,
                                                                  'size', a.size_bytes, 'sha256', encode(a.sha256, 'hex'), 'at', a.created_at) ORDER BY a.id)
                                   FROM site_attachments a WHERE a.event_id = ev.id), '[]'::json)
      ) ORDER BY ev.at, ev.id) FROM ev), '[]'::json)
)::text
FROM s
