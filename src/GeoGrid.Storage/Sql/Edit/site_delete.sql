-- $1 id
DELETE FROM sites WHERE id = $1
