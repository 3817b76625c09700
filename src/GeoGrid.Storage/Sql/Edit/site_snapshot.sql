-- $1 id: the site as the audit log keeps it before and after a change.
SELECT jsonb_build_object('code', code, 'category', category, 'status', status, 'description', description,
                          'duplicate_of', (SELECT d.code FROM sites d WHERE d.id = s.duplicate_of),
                          'geometry', ST_AsGeoJSON(geom, 7)::jsonb)::text
  FROM sites s WHERE id = $1
