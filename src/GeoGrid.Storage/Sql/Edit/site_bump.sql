-- $1 id, $2 code of the site it duplicates (or null): a lifecycle step moves the version its ETag is made from.
UPDATE sites SET version = version + 1, updated_at = now(),
       duplicate_of = coalesce((SELECT d.id FROM sites d WHERE d.code = $2), duplicate_of)
 WHERE id = $1 RETURNING version
