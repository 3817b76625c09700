-- $1 name, $2 disable (true) or enable (false); answers whether the user exists.
UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE name = $1 RETURNING true
