-- Indexes for references that had none. Without them every deleted report or site made PostgreSQL scan
-- the whole table for rows naming it as their duplicate (ON DELETE SET NULL): deleting 146,000 imported
-- reports ran for more than six minutes at full CPU instead of seconds. Grids deleted by a plan scanned
-- sites the same way.
CREATE INDEX reports_duplicate_of_idx ON reports (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX sites_duplicate_of_idx ON sites (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX sites_grid_idx ON sites (grid_id);
-- And every other reference, so that no delete of a referenced row scans a table (the schema test
-- checks that each foreign key leads with an index).
CREATE INDEX grids_area_idx ON grids (area_code);
CREATE INDEX road_segments_district_idx ON road_segments (district_code);
CREATE INDEX sites_zone_idx ON sites (zone_id);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);
CREATE INDEX plans_reverts_idx ON plans (reverts) WHERE reverts IS NOT NULL;
