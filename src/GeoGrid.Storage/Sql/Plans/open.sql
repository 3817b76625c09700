-- $1 parent grid code, $2 title, $3 author: a draft plan over the parent's children, which it copies
-- with their versions. No row when the parent does not exist.
WITH parent AS (SELECT id FROM grids WHERE code = $1),
plan AS (INSERT INTO plans (title, author, parent_code) SELECT $2, $3, $1 FROM parent RETURNING id),
copied AS (
    INSERT INTO plan_grids (plan_id, code, name, households, geom)
    SELECT plan.id, g.code, g.name, g.households, ST_GeometryN(g.geom, 1) FROM plan, grids g JOIN parent ON g.parent_id = parent.id
    RETURNING 1
), base AS (
    INSERT INTO plan_base (plan_id, code, version)
    SELECT plan.id, g.code, g.version FROM plan, grids g JOIN parent ON g.parent_id = parent.id
    RETURNING 1
)
SELECT id, (SELECT count(*) FROM copied), (SELECT count(*) FROM base) FROM plan
