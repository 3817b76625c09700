-- $1 site id, $2 status, $3 at, $4 note
INSERT INTO site_events (site_id, status, at, note) VALUES ($1, $2::site_status, $3, $4)
