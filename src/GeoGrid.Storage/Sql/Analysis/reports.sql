-- 随手拍 reports as incidents. $1 category, $2 from, $3 to (created_at), $4 area polygon: each optional.
SELECT r.geom, r.code, r.category::text AS category, r.status::text AS status, r.created_at
  FROM reports r
 WHERE ($1::text IS NULL OR r.category::text = $1)
   AND ($2::timestamptz IS NULL OR r.created_at >= $2)
   AND ($3::timestamptz IS NULL OR r.created_at < $3)
   AND ($4::geometry IS NULL OR ST_Intersects(r.geom, $4))
 ORDER BY r.id
