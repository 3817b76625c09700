-- $1 plan id, $2 code, $3 name, $4 households, $5 polygon (EPSG:4490)
INSERT INTO plan_grids (plan_id, code, name, households, geom) VALUES ($1, $2, $3, $4, $5)
