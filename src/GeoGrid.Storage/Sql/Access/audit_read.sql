-- $1 entity (or null), $2 entity id (or null), $3 user name (or null), $4 area code prefix (or null),
-- $5 limit, $6 before this id (or null, for paging): the audit rows, newest first, as JSON.
SELECT a.id, jsonb_build_object('id', a.id, 'at', a.at, 'actor', a.actor, 'user', a.user_name, 'action', a.action,
                          'entity', a.entity, 'feature', a.entity_id, 'area_code', a.area_code,
                          'area', (SELECT r.name FROM admin_areas r WHERE r.code = a.area_code),
                          'detail', a.detail, 'before', a.before, 'after', a.after)::text
  FROM audit_log a
 WHERE ($1::text IS NULL OR a.entity = $1) AND ($2::text IS NULL OR a.entity_id = $2)
   AND ($3::text IS NULL OR a.user_name = $3) AND ($4::text IS NULL OR a.area_code LIKE $4 || '%')
   AND ($6::bigint IS NULL OR a.id < $6)
 ORDER BY a.id DESC LIMIT $5
