-- $1 a fresh random secret: stored unless a key exists already; answers the key that stands.
WITH made AS (INSERT INTO signing_keys (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING secret)
SELECT secret FROM made UNION ALL SELECT secret FROM signing_keys WHERE id = 1 LIMIT 1
