-- The service extent for import checks: the districts' bounding box, widened by about 1 km.
SELECT ST_XMin(e) - 0.01, ST_YMin(e) - 0.01, ST_XMax(e) + 0.01, ST_YMax(e) + 0.01
  FROM (SELECT ST_Extent(geom) AS e FROM admin_areas WHERE level = 'district') x
 WHERE e IS NOT NULL
