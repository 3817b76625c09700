-- $1 code: the report's id, version and location (a point's box), locked until the transaction ends.
SELECT id, version, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM reports WHERE code = $1 FOR UPDATE
