-- Grids of one level ($5) with the figures hot-spot analyses test: reports (filtered like
-- reports.sql by $1–$3), open reports, sites, households and workers. $4: area polygon.
SELECT g.geom, g.code, g.name, g.level, p.code AS parent_code, g.households,
       (SELECT count(*) FROM grid_workers w WHERE w.grid_id = g.id) AS workers,
       (SELECT count(*) FROM reports r WHERE ST_Intersects(r.geom, g.geom)
           AND ($1::text IS NULL OR r.category::text = $1)
           AND ($2::timestamptz IS NULL OR r.created_at >= $2)
           AND ($3::timestamptz IS NULL OR r.created_at < $3)) AS reports,
       (SELECT count(*) FROM reports r WHERE ST_Intersects(r.geom, g.geom) AND r.status <> 'closed') AS open_reports,
       (SELECT count(*) FROM sites s WHERE ST_Intersects(s.geom, g.geom)) AS sites
  FROM grids g LEFT JOIN grids p ON p.id = g.parent_id
 WHERE g.level = $5
   AND ($4::geometry IS NULL OR ST_Intersects(ST_PointOnSurface(g.geom), $4))
 ORDER BY g.code
