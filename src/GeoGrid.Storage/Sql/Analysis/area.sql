-- The polygon of an administrative area or a grid, by code ($1); none when the code is unknown.
SELECT geom FROM admin_areas WHERE code = $1
UNION ALL
SELECT geom FROM grids WHERE code = $1
LIMIT 1
