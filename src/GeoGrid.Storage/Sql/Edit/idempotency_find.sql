-- $1 key, $2 entity: the code a create with this Idempotency-Key made, if any.
SELECT code FROM idempotency_keys WHERE key = $1 AND entity = $2
