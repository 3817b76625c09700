-- Per-zoom generalised shapes of the polygon and line layers, already in EPSG:3857: a tile reads the
-- shape made for its zoom (simplified to half a tile unit there, never dropped) instead of moving and
-- clipping the full-resolution lon/lat geometry each time. Rebuilt from the source tables by
-- TileShapes.RefreshAsync whenever they are loaded or imported; tiles of deeper zooms than the last
-- generalised one read the full-resolution shape stored for that zoom. key is the source row's
-- identifying column as text, so a tile joins back to its properties through that column's index.
CREATE TABLE tile_shapes (
    layer  text NOT NULL,
    key    text NOT NULL,
    zoom   smallint NOT NULL,
    geom   geometry(Geometry, 3857) NOT NULL,
    PRIMARY KEY (layer, zoom, key)
);
CREATE INDEX tile_shapes_geom_idx ON tile_shapes USING gist (geom);
