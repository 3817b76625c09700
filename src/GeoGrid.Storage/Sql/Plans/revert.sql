-- $1 applied plan id, $2 title, $3 author: a new draft over the same root whose grids are the tree as it
-- was just before that plan was applied (history only grows: undoing is another plan). No row unless the
-- plan exists and was applied.
WITH old AS (SELECT id, parent_code, root_kind, applied_at FROM plans WHERE id = $1 AND status = 'applied'),
plan AS (INSERT INTO plans (title, author, parent_code, root_kind, reverts) SELECT $2, $3, parent_code, root_kind, id FROM old RETURNING id),
was AS (SELECT s.* FROM old, plan_subtree_at(old.root_kind, old.parent_code, old.applied_at - interval '1 microsecond') s),
copied AS (
    INSERT INTO plan_grids (plan_id, code, name, households, population, geom, parent)
    SELECT plan.id, w.code, w.name, w.households, h.population, ST_GeometryN(w.geom, 1), w.parent
      FROM plan CROSS JOIN old JOIN was w ON true
      JOIN grid_history h ON h.grid_id = w.id AND h.valid_from <= old.applied_at - interval '1 microsecond' AND old.applied_at - interval '1 microsecond' < h.valid_to
    RETURNING 1
), base AS (
    INSERT INTO plan_base (plan_id, code, version)
    SELECT plan.id, s.code, s.version FROM plan, old, plan_subtree(old.root_kind, old.parent_code) s
    RETURNING 1
)
SELECT id, (SELECT count(*) FROM copied), (SELECT count(*) FROM base) FROM plan
