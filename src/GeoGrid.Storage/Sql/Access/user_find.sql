-- $1 name: the user, as user_list.sql shapes them.
SELECT u.name, u.display_name, u.role::text, u.areas, u.disabled_at, u.created_at, u.password_hash,
       (SELECT count(*) FROM api_keys k WHERE k.user_id = u.id)::int
  FROM users u WHERE u.name = $1
