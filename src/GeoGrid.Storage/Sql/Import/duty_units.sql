-- $1 code, $2 name, $3 kind, $4 segment code, $5 geom; no row when the segment does not exist.
INSERT INTO duty_units (code, name, kind, segment_id, geom)
SELECT $1, $2, $3, s.id, $5 FROM road_segments s WHERE s.code = $4
RETURNING id
