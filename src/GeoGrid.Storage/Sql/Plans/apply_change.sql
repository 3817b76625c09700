-- $1 code, $2 name, $3 households, $4 polygon: a child the plan changed gets its new content and version.
UPDATE grids SET name = $2, households = $3, geom = $4, version = version + 1, updated_at = now() WHERE code = $1
