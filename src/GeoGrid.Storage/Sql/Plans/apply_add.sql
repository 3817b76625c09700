-- $1 code, $2 name, $3 households, $4 polygon, $5 parent id: a child the plan adds, one level below its
-- parent, in the administrative area of the current child it overlaps most (else its parent's).
INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
SELECT $1, $2, p.level + 1, p.id,
       coalesce((SELECT c.area_code FROM grids c WHERE c.parent_id = p.id AND c.geom && $4
                  ORDER BY ST_Area(ST_Intersection(c.geom, $4)) DESC, c.id LIMIT 1), p.area_code),
       $3, $4
  FROM grids p WHERE p.id = $5
