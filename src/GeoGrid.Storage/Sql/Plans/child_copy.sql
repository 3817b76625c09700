COPY plan_grids (plan_id, code, name, households, geom, parent, population) FROM STDIN (FORMAT BINARY)
