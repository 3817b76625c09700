-- $1 site id, $2 status, $3 at, $4 note, $5 actor: the new event's id.
INSERT INTO site_events (site_id, status, at, note, actor) VALUES ($1, $2::site_status, $3, $4, $5) RETURNING id
