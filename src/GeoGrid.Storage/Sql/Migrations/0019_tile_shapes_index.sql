-- A tile reads the shapes of one layer at one zoom in its envelope. With only the geometry indexed, the
-- index found every layer's and every zoom's shape there (4,025 rows for a z12 tile of 三级 grids, 364
-- of them wanted) and the heap read them all to throw most away; with layer and zoom in the same GiST
-- index (btree_gist, a trusted contrib extension) it finds only the wanted ones, and the cost of a tile no
-- longer grows with the shapes of other layers and zooms — nor with the city's size.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX tile_shapes_layer_zoom_geom_idx ON tile_shapes USING gist (layer, zoom, geom);
DROP INDEX tile_shapes_geom_idx;
