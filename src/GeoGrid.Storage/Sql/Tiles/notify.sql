-- $1 payload (JSON, under 8,000 bytes): the tiles an edit made stale, for the other servers (EditChannel).
SELECT pg_notify('geogrid_tiles', $1)
