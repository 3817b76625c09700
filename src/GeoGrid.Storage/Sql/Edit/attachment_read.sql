-- $1 site code, $2 attachment id: the file, if it is that site's.
SELECT a.file_name, a.content_type, a.content, a.sha256, a.created_at
  FROM site_attachments a JOIN site_events e ON e.id = a.event_id JOIN sites s ON s.id = e.site_id
 WHERE s.code = $1 AND a.id = $2
