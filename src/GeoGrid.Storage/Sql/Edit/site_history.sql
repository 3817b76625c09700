-- $1 site id: its statuses, oldest first, and the current one's category.
SELECT e.status::text, s.category::text FROM site_events e JOIN sites s ON s.id = e.site_id WHERE e.site_id = $1 ORDER BY e.at, e.id
