-- Servers sharing a database hear here which tiles the others' edits made stale (EditChannel).
LISTEN geogrid_tiles
