-- $1 key, $2 entity, $3 code: the create a retried request with this Idempotency-Key already made.
INSERT INTO idempotency_keys (key, entity, code) VALUES ($1, $2, $3)
