-- $1 code, $2 category, $3 description, $4 geom (EPSG:4490), $5 found_at; routes the site to its grid and zone.
INSERT INTO sites (code, category, description, geom, found_at, grid_id, zone_id)
SELECT $1, $2::site_category, $3, $4, $5,
       (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_PointOnSurface($4)) ORDER BY g.id LIMIT 1),
       (SELECT z.id FROM floodplain_zones z WHERE ST_Intersects(z.geom, ST_PointOnSurface($4)) ORDER BY z.id LIMIT 1)
RETURNING id
