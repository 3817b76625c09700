-- $1 actor, $2 action, $3 entity, $4 entity id, $5 detail (json text), $6 user name (null for a
-- process), $7 administrative area code, $8 before, $9 after (json text or null)
INSERT INTO audit_log (actor, action, entity, entity_id, detail, user_name, area_code, before, after)
VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9::jsonb)
