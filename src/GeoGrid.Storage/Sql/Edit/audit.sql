-- $1 actor, $2 action, $3 entity, $4 entity id, $5 detail (json text)
INSERT INTO audit_log (actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5::jsonb)
