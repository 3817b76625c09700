COPY plan_grids (plan_id, code, name, households, geom, parent) FROM STDIN (FORMAT BINARY)
