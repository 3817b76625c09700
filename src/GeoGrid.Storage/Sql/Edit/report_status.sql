-- $1 id: the report's status.
SELECT status::text FROM reports WHERE id = $1
