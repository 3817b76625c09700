-- $1 report id, $2 status, $3 at, $4 note
INSERT INTO report_events (report_id, status, at, note) VALUES ($1, $2::report_status, $3, $4)
