-- $1 the text as typed, $2 a LIKE pattern containing it (wildcards escaped), $3 how many at most: the
-- administrative areas, grids, roads, road chiefs, 四乱 sites and 随手拍 reports whose name or code
-- contains the text, each with its extent in lon/lat. Exact matches first, then those that start with
-- the text, then the shortest names; areas before grids before roads before people before cases.
WITH hits AS (
    SELECT 'area' AS kind, 1 AS rank, a.code, a.name, a.level::text AS detail, a.geom
      FROM admin_areas a WHERE a.name ILIKE $2 OR a.code ILIKE $2
    UNION ALL
    SELECT 'grid', 2, g.code, g.name, g.level::text, g.geom
      FROM grids g WHERE g.name ILIKE $2 OR g.code ILIKE $2
    UNION ALL
    SELECT 'road', 3, r.code, r.road_name, c.name, r.geom
      FROM road_segments r LEFT JOIN road_chiefs c ON c.id = r.chief_id WHERE r.road_name ILIKE $2 OR r.code ILIKE $2
    UNION ALL
    SELECT 'chief', 4, c.code, c.name, c.level::text, (SELECT ST_Collect(r.geom) FROM road_segments r WHERE r.chief_id = c.id)
      FROM road_chiefs c WHERE c.name ILIKE $2 OR c.code ILIKE $2
    UNION ALL
    SELECT 'site', 5, s.code, s.category::text, s.status::text, s.geom
      FROM sites s WHERE s.code ILIKE $2
    UNION ALL
    SELECT 'report', 6, r.code, r.category::text, r.status::text, r.geom
      FROM reports r WHERE r.code ILIKE $2
)
SELECT kind, code, name, detail, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)
  FROM hits
 WHERE geom IS NOT NULL
 ORDER BY (name = $1 OR code = $1) DESC, (starts_with(name, $1) OR starts_with(code, $1)) DESC, rank, length(name), code
 LIMIT $3
