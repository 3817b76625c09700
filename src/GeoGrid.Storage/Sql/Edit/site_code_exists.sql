-- $1 code: whether a site has it.
SELECT EXISTS (SELECT 1 FROM sites WHERE code = $1)
