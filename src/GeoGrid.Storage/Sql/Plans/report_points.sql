-- $1 polygon (EPSG:4490): the reports of the last 12 months inside it, as lon/lat.
SELECT ST_X(r.geom), ST_Y(r.geom) FROM reports r WHERE r.geom && $1 AND ST_Intersects(r.geom, $1) AND r.created_at > now() - interval '12 months'
