-- $1 report id, $2 status, $3 at, $4 note, $5 actor: the new event's id.
INSERT INTO report_events (report_id, status, at, note, actor) VALUES ($1, $2::report_status, $3, $4, $5) RETURNING id
