-- PostGIS's version and the newest schema migration applied.
SELECT postgis_lib_version(), (SELECT max(version) FROM schema_version)
