-- $1 applied plan id, $2 title, $3 author: a new draft over the same parent whose children are the
-- grids as they were just before that plan was applied (history only grows: undoing is another plan).
-- No row unless the plan exists and was applied.
WITH old AS (SELECT id, parent_code, applied_at FROM plans WHERE id = $1 AND status = 'applied'),
parent AS (SELECT g.id FROM grids g JOIN old ON g.code = old.parent_code),
plan AS (INSERT INTO plans (title, author, parent_code, reverts) SELECT $2, $3, parent_code, id FROM old RETURNING id),
copied AS (
    INSERT INTO plan_grids (plan_id, code, name, households, geom)
    SELECT plan.id, h.code, h.name, h.households, ST_GeometryN(h.geom, 1)
      FROM plan, old, parent, grid_history h
     WHERE h.parent_id = parent.id AND h.valid_from < old.applied_at AND h.valid_to >= old.applied_at
    RETURNING 1
), base AS (
    INSERT INTO plan_base (plan_id, code, version)
    SELECT plan.id, g.code, g.version FROM plan, grids g JOIN parent ON g.parent_id = parent.id
    RETURNING 1
)
SELECT id, (SELECT count(*) FROM copied), (SELECT count(*) FROM base) FROM plan
