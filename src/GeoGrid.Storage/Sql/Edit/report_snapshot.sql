-- $1 id: the report as the audit log keeps it before and after a change.
SELECT jsonb_build_object('code', code, 'category', category, 'status', status, 'text', text,
                          'duplicate_of', (SELECT d.code FROM reports d WHERE d.id = r.duplicate_of),
                          'geometry', ST_AsGeoJSON(geom, 7)::jsonb)::text
  FROM reports r WHERE id = $1
