-- $1 name, $2 new password hash; answers whether the user exists.
UPDATE users SET password_hash = $2 WHERE name = $1 RETURNING true
