-- $1 id, $2 category, $3 description, $4 geom (EPSG:4490): replaces the site's content, re-routes it
-- to its grid and zone, and bumps the version its ETag is made from.
UPDATE sites SET category = $2::site_category, description = $3, geom = $4, version = version + 1, updated_at = now(),
       grid_id = (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_PointOnSurface($4)) ORDER BY g.id LIMIT 1),
       zone_id = (SELECT z.id FROM floodplain_zones z WHERE ST_Intersects(z.geom, ST_PointOnSurface($4)) ORDER BY z.id LIMIT 1)
 WHERE id = $1
RETURNING version
