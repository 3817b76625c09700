-- $1 code: the report's id, version, location (a point's box) and point, locked until the transaction ends.
SELECT id, version, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom), geom FROM reports WHERE code = $1 FOR UPDATE
