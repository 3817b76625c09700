-- $1 parent id, $2 codes the plan removes: reports and sites in the parent's children go to the child
-- (as it now is, removed ones aside) that contains them; each keeps the grid it was filed in.
WITH kids AS (SELECT id, geom FROM grids WHERE parent_id = $1 AND code <> ALL($2)),
olds AS (SELECT id FROM grids WHERE parent_id = $1),
r AS (
    UPDATE reports r SET filed_grid_id = coalesce(r.filed_grid_id, r.grid_id),
                         grid_id = (SELECT k.id FROM kids k WHERE ST_Intersects(k.geom, r.geom) ORDER BY k.id LIMIT 1)
     WHERE r.grid_id IN (SELECT id FROM olds)
       AND r.grid_id IS DISTINCT FROM (SELECT k.id FROM kids k WHERE ST_Intersects(k.geom, r.geom) ORDER BY k.id LIMIT 1)
    RETURNING 1
), s AS (
    UPDATE sites s SET filed_grid_id = coalesce(s.filed_grid_id, s.grid_id),
                       grid_id = (SELECT k.id FROM kids k WHERE ST_Intersects(k.geom, ST_PointOnSurface(s.geom)) ORDER BY k.id LIMIT 1)
     WHERE s.grid_id IN (SELECT id FROM olds)
       AND s.grid_id IS DISTINCT FROM (SELECT k.id FROM kids k WHERE ST_Intersects(k.geom, ST_PointOnSurface(s.geom)) ORDER BY k.id LIMIT 1)
    RETURNING 1
)
SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM s)
