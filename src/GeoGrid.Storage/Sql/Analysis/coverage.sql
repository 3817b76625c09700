-- A parent ($1: administrative area or grid code) and its descendants, $2 levels deep, each with its
-- parent's code, for the coverage check of every family. Workers are counted for grids only.
WITH RECURSIVE admin_tree AS (
    SELECT a.code, a.name, NULL::text AS parent_code, a.geom, 0 AS depth FROM admin_areas a WHERE a.code = $1
    UNION ALL
    SELECT c.code, c.name, c.parent_code, c.geom, t.depth + 1
      FROM admin_areas c JOIN admin_tree t ON c.parent_code = t.code WHERE t.depth < $2
), grid_tree AS (
    SELECT g.id, g.code, g.name, NULL::text AS parent_code, g.geom, 0 AS depth FROM grids g WHERE g.code = $1
    UNION ALL
    SELECT c.id, c.code, c.name, t.code, c.geom, t.depth + 1
      FROM grids c JOIN grid_tree t ON c.parent_id = t.id WHERE t.depth < $2
)
SELECT geom, code, name, parent_code, NULL::bigint AS workers FROM admin_tree
UNION ALL
SELECT geom, code, name, parent_code, (SELECT count(*) FROM grid_workers w WHERE w.grid_id = grid_tree.id) FROM grid_tree
