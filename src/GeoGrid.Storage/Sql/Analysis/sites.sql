-- 四乱 sites as incidents: polygons by a point on their surface. Same optional filters as reports.sql.
SELECT CASE WHEN GeometryType(s.geom) = 'POINT' THEN s.geom ELSE ST_PointOnSurface(s.geom) END AS geom,
       s.code, s.category::text AS category, s.status::text AS status, s.found_at AS created_at
  FROM sites s
 WHERE ($1::text IS NULL OR s.category::text = $1)
   AND ($2::timestamptz IS NULL OR s.found_at >= $2)
   AND ($3::timestamptz IS NULL OR s.found_at < $3)
   AND ($4::geometry IS NULL OR ST_Intersects(s.geom, $4))
 ORDER BY s.id
