-- $1 event id, $2 file name, $3 content type, $4 content, $5 SHA-256, $6 actor, $7 site id, $8 the
-- attachment's path: keeps the file and, for a photo, lists it in the site's photos. Answers its id.
WITH a AS (
    INSERT INTO site_attachments (event_id, file_name, content_type, size_bytes, sha256, content, actor)
    VALUES ($1, $2, $3, length($4), $5, $4, $6) RETURNING id
), p AS (
    UPDATE sites SET photos = photos || replace($8, '{id}', (SELECT id FROM a)::text), updated_at = now()
     WHERE id = $7 AND $3 LIKE 'image/%' RETURNING 1
)
SELECT id FROM a
