-- $1 plan id: the plan and its root — a grid (its outline and area) or an administrative area (its
-- outline and its code).
SELECT p.title, p.author, p.parent_code, p.status, p.revision, p.created_at, p.applied_at,
       coalesce(g.geom, a.geom), coalesce(g.area_code, a.code), p.root_kind
  FROM plans p
  LEFT JOIN grids g ON p.root_kind = 'grid' AND g.code = p.parent_code
  LEFT JOIN admin_areas a ON p.root_kind = 'area' AND a.code = p.parent_code
 WHERE p.id = $1 AND coalesce(g.id::text, a.code) IS NOT NULL
