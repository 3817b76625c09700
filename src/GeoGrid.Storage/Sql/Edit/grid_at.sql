-- $1 point (EPSG:4490): the code of the level-3 grid a report there is routed to (the lowest id among
-- those containing it, as the import routes), or no row outside every grid.
SELECT g.code FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, $1) ORDER BY g.id LIMIT 1
