-- $1 user name, $2 SHA-256 of the new key, $3 label; answers whether the user exists.
INSERT INTO api_keys (user_id, sha256, label) SELECT id, $2, $3 FROM users WHERE name = $1 RETURNING true
