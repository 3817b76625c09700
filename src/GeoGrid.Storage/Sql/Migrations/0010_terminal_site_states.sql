-- A rejected or duplicate site is closed as an accepted one is (the enum values came in 0009 and can
-- only be used once that migration committed).
CREATE OR REPLACE FUNCTION apply_site_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sites s SET status = e.status,
                       closed_at = CASE WHEN e.status IN ('accepted', 'rejected', 'duplicate') THEN e.at END,
                       updated_at = now()
      FROM (SELECT DISTINCT ON (site_id) site_id, status, at FROM new_events ORDER BY site_id, at DESC, id DESC) e
     WHERE s.id = e.site_id
       AND (s.status, s.closed_at) IS DISTINCT FROM (e.status, CASE WHEN e.status IN ('accepted', 'rejected', 'duplicate') THEN e.at END);
    RETURN NULL;
END $$;
