-- $1 id, $2 category, $3 text: a report's content changes (its place does not: it was reported there),
-- and the version its ETag is made from moves on.
UPDATE reports SET category = $2::report_category, text = $3, version = version + 1 WHERE id = $1 RETURNING version
