-- The event triggers rewrote every site and report an event touched, even when the row already had the
-- event's status: a bulk import, which writes each feature with its status, paid a second write of every
-- row. Now only rows whose status or closing time actually change are updated.
CREATE OR REPLACE FUNCTION apply_site_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sites s SET status = e.status,
                       closed_at = CASE WHEN e.status = 'accepted' THEN e.at END,
                       updated_at = now()
      FROM (SELECT DISTINCT ON (site_id) site_id, status, at FROM new_events ORDER BY site_id, at DESC, id DESC) e
     WHERE s.id = e.site_id
       AND (s.status, s.closed_at) IS DISTINCT FROM (e.status, CASE WHEN e.status = 'accepted' THEN e.at END);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION apply_report_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reports r SET status = e.status,
                         closed_at = CASE WHEN e.status = 'closed' THEN e.at END
      FROM (SELECT DISTINCT ON (report_id) report_id, status, at FROM new_events ORDER BY report_id, at DESC, id DESC) e
     WHERE r.id = e.report_id
       AND (r.status, r.closed_at) IS DISTINCT FROM (e.status, CASE WHEN e.status = 'closed' THEN e.at END);
    RETURN NULL;
END $$;
