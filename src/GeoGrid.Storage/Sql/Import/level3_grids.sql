-- The level-3 grids in id order, for routing a large import in-process (GridAssigner gives a point on a
-- shared border to the first, as the per-row subquery's ORDER BY id does).
SELECT id, geom FROM grids WHERE level = 3 ORDER BY id
