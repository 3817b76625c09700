-- $1 id: a status step moves the version its ETag is made from.
UPDATE reports SET version = version + 1 WHERE id = $1 RETURNING version
