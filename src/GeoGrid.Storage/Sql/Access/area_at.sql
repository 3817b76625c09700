-- $1 geometry (EPSG:4490): the most local administrative area under a point on its surface (village,
-- else town, else district): its code and its names from the district down (荥阳市 高村乡 …); no row
-- outside every area.
WITH RECURSIVE here AS (
    SELECT a.code, a.name, a.parent_code FROM admin_areas a
     WHERE ST_Intersects(a.geom, ST_PointOnSurface($1)) ORDER BY length(a.code) DESC, a.code LIMIT 1
), chain AS (
    SELECT code, name, parent_code, 0 AS depth FROM here
    UNION ALL
    SELECT p.code, p.name, p.parent_code, c.depth + 1 FROM admin_areas p JOIN chain c ON p.code = c.parent_code
)
SELECT (SELECT code FROM here), string_agg(name, ' ' ORDER BY depth DESC) FROM chain HAVING count(*) > 0
