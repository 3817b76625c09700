-- Plans over several levels (the planning issue): a plan holds every grid below its root — a grid, or an
-- administrative area (a district, a town) whose level-1 grids it redraws — each with its parent inside the plan, so a grid can be handed
-- to another parent and the outlines above it follow.
ALTER TABLE plans ADD COLUMN root_kind text NOT NULL DEFAULT 'grid' CHECK (root_kind IN ('grid', 'area'));
-- The grid's parent inside the plan; null: the plan's root.
ALTER TABLE plan_grids ADD COLUMN parent text;

-- Every grid below a root: a grid's descendants, or the level-1 grids in an area and theirs, each with the
-- code of its parent (null for the root's children) and its depth below the root.
CREATE FUNCTION plan_subtree(kind text, root text)
RETURNS TABLE (id bigint, code text, name text, households integer, geom geometry, version integer, level smallint, area_code text, parent text, depth integer)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE top AS (
        SELECT g.* FROM grids g JOIN grids r ON g.parent_id = r.id WHERE kind = 'grid' AND r.code = root
        UNION ALL
        SELECT g.* FROM grids g WHERE kind = 'area' AND g.level = 1 AND starts_with(g.area_code, root)
    ), sub AS (
        SELECT t.id, t.code, t.name, t.households, t.geom, t.version, t.level, t.area_code, NULL::text AS parent, 1 AS depth FROM top t
        UNION ALL
        SELECT c.id, c.code, c.name, c.households, c.geom, c.version, c.level, c.area_code, s.code, s.depth + 1
          FROM grids c JOIN sub s ON c.parent_id = s.id
    )
    SELECT * FROM sub
$$;

-- The same tree as it was at an instant (from grid_history), for reverting a plan.
CREATE FUNCTION plan_subtree_at(kind text, root text, at timestamptz)
RETURNS TABLE (id bigint, code text, name text, households integer, geom geometry, version integer, level smallint, area_code text, parent text, depth integer)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE top AS (
        SELECT g.* FROM grids_at(at) g JOIN grids_at(at) r ON g.parent_id = r.id WHERE kind = 'grid' AND r.code = root
        UNION ALL
        SELECT g.* FROM grids_at(at) g WHERE kind = 'area' AND g.level = 1 AND starts_with(g.area_code, root)
    ), sub AS (
        SELECT t.id, t.code, t.name, t.households, t.geom, t.version, t.level, t.area_code, NULL::text AS parent, 1 AS depth FROM top t
        UNION ALL
        SELECT c.id, c.code, c.name, c.households, c.geom, c.version, c.level, c.area_code, s.code, s.depth + 1
          FROM grids_at(at) c JOIN sub s ON c.parent_id = s.id
    )
    SELECT * FROM sub
$$;

-- The id of a plan grid's parent as the map has it: the named grid, or for the root's children the root
-- grid (null under an area: level-1 grids have no parent grid).
CREATE FUNCTION plan_parent_id(plan uuid, parent text) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT g.id FROM plans p JOIN grids g ON g.code = coalesce(parent, CASE WHEN p.root_kind = 'grid' THEN p.parent_code END) WHERE p.id = plan
$$;
