-- $1 root code, $2 root kind ('grid' or 'area'), $3 title, $4 author: a draft plan over every grid
-- below the root, which it copies with their parents and versions. No row when there is no such root.
WITH root AS (
    SELECT $1::text AS code
     WHERE CASE $2 WHEN 'grid' THEN EXISTS (SELECT 1 FROM grids WHERE code = $1)
                   ELSE EXISTS (SELECT 1 FROM admin_areas WHERE code = $1) END
), plan AS (
    INSERT INTO plans (title, author, parent_code, root_kind) SELECT $3, $4, code, $2 FROM root RETURNING id
), sub AS (
    SELECT s.* FROM plan_subtree($2, $1) s WHERE EXISTS (SELECT 1 FROM plan)
), copied AS (
    INSERT INTO plan_grids (plan_id, code, name, households, population, geom, parent)
    SELECT plan.id, s.code, s.name, s.households, g.population, ST_GeometryN(s.geom, 1), s.parent FROM plan, sub s JOIN grids g ON g.id = s.id
    RETURNING 1
), base AS (
    INSERT INTO plan_base (plan_id, code, version) SELECT plan.id, s.code, s.version FROM plan, sub s
    RETURNING 1
)
SELECT id, (SELECT count(*) FROM copied), (SELECT count(*) FROM base) FROM plan
