-- $1 site id, $2 event id (or null for the latest): the event an attachment goes to, if it is the site's.
SELECT id FROM site_events WHERE site_id = $1 AND ($2::bigint IS NULL OR id = $2) ORDER BY at DESC, id DESC LIMIT 1
