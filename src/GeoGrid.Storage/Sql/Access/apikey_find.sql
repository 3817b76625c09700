-- $1 SHA-256 of an API key: its owner, as user_list.sql shapes them.
SELECT u.name, u.display_name, u.role::text, u.areas, u.disabled_at, u.created_at, u.password_hash,
       (SELECT count(*) FROM api_keys k WHERE k.user_id = u.id)::int
  FROM api_keys a JOIN users u ON u.id = a.user_id WHERE a.sha256 = $1
