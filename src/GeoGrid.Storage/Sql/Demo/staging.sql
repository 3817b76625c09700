-- Staging tables for a bulk load: rows arrive by binary COPY with codes instead of ids and enum
-- keys as text; publish.sql resolves them. Dropped at commit.
CREATE TEMP TABLE load_admin_areas (code text, name text, level text, parent_code text, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_grids (code text, name text, level smallint, parent_code text, area_code text, households integer, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_workers (grid_code text, name text, role text, phone text) ON COMMIT DROP;
CREATE TEMP TABLE load_chiefs (code text, name text, level text, phone text) ON COMMIT DROP;
CREATE TEMP TABLE load_segments (code text, road_name text, seq integer, district_code text, chief_code text, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_duty_units (code text, name text, kind text, segment_code text, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_rivers (name text, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_zones (kind text, name text, rules text, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_sites (code text, category text, description text, found_at timestamptz, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_site_events (site_code text, status text, at timestamptz, note text) ON COMMIT DROP;
CREATE TEMP TABLE load_reports (code text, category text, text text, created_at timestamptz, geom geometry) ON COMMIT DROP;
CREATE TEMP TABLE load_report_events (report_code text, status text, at timestamptz, note text) ON COMMIT DROP;
