-- $1 name, $2 display name, $3 role, $4 password hash (null for a machine user), $5 areas (null: everywhere)
INSERT INTO users (name, display_name, role, password_hash, areas) VALUES ($1, $2, $3::user_role, $4, $5) RETURNING id
