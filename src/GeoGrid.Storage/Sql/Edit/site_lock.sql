-- $1 code: the site's id, version, bounding box and geometry, locked until the transaction ends.
SELECT id, version, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom), geom FROM sites WHERE code = $1 FOR UPDATE
