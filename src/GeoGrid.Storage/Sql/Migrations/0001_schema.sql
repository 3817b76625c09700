-- GeoGrid schema, version 1. Geometries are stored in EPSG:4490 (CGCS2000 lon/lat); metric figures
-- come from ::geography, which PostGIS computes on the CGCS2000 ellipsoid for SRID 4490.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TYPE admin_level AS ENUM ('district', 'town', 'village');
CREATE TYPE worker_role AS ENUM ('grid_head', 'grid_worker');
CREATE TYPE chief_level AS ENUM ('city', 'district', 'street');
CREATE TYPE floodplain_zone_kind AS ENUM ('nentan', 'ertan', 'gaotan');
CREATE TYPE site_category AS ENUM ('occupation', 'mining', 'dumping', 'building');
CREATE TYPE site_status AS ENUM ('found', 'verified', 'assigned', 'demolished', 'cleared', 'accepted');
CREATE TYPE report_category AS ENUM ('sanitation', 'city_order', 'road_facility', 'floodplain', 'safety', 'dispute', 'other');
CREATE TYPE report_status AS ENUM ('submitted', 'routed', 'in_progress', 'closed');

-- 区/县/市 · 乡/镇/街道 · 村/社区 with GB/T 2260 (6/9 digits) or 12-digit village codes.
CREATE TABLE admin_areas (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    name        text NOT NULL CHECK (name <> ''),
    level       admin_level NOT NULL,
    parent_code text REFERENCES admin_areas (code),
    geom        geometry(Geometry, 4490) NOT NULL
        CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND ST_IsValid(geom)),
    CHECK ((level = 'district') = (parent_code IS NULL))
);
CREATE INDEX admin_areas_geom_idx ON admin_areas USING gist (geom);
CREATE INDEX admin_areas_parent_idx ON admin_areas (parent_code);

-- 网格 at three levels; a level-1 grid's parent is its district, through area_code.
CREATE TABLE grids (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL CHECK (name <> ''),
    level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
    parent_id   bigint REFERENCES grids (id),
    area_code   text NOT NULL REFERENCES admin_areas (code),
    households  integer NOT NULL DEFAULT 0 CHECK (households >= 0),
    geom        geometry(Geometry, 4490) NOT NULL
        CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND ST_IsValid(geom)),
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((level = 1) = (parent_id IS NULL))
);
CREATE INDEX grids_geom_idx ON grids USING gist (geom);
CREATE INDEX grids_parent_idx ON grids (parent_id);
CREATE INDEX grids_level_idx ON grids (level);

-- 网格长 / 网格员; phones are stored masked (138****1234), never in full.
CREATE TABLE grid_workers (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_id   bigint NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
    name      text NOT NULL CHECK (name <> ''),
    role      worker_role NOT NULL,
    phone     text NOT NULL CHECK (phone ~ '^1[0-9]{2}\*{4}[0-9]{4}$')
);
CREATE INDEX grid_workers_grid_idx ON grid_workers (grid_id);

-- 路长
CREATE TABLE road_chiefs (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code    text NOT NULL UNIQUE,
    name    text NOT NULL CHECK (name <> ''),
    level   chief_level NOT NULL,
    phone   text NOT NULL CHECK (phone ~ '^1[0-9]{2}\*{4}[0-9]{4}$')
);

-- 路长制 road segments; chief_id NULL is a gap the road-coverage analysis reports.
CREATE TABLE road_segments (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    road_name     text NOT NULL CHECK (road_name <> ''),
    seq           integer NOT NULL,
    district_code text REFERENCES admin_areas (code),
    chief_id      bigint REFERENCES road_chiefs (id),
    geom          geometry(LineString, 4490) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX road_segments_geom_idx ON road_segments USING gist (geom);
CREATE INDEX road_segments_chief_idx ON road_segments (chief_id);

-- 门前四包 duty units along a segment.
CREATE TABLE duty_units (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL CHECK (name <> ''),
    kind        text NOT NULL DEFAULT '商户',
    segment_id  bigint NOT NULL REFERENCES road_segments (id),
    duties      text[] NOT NULL DEFAULT ARRAY['包市容', '包环境卫生', '包秩序', '包绿化'],
    geom        geometry(Point, 4490) NOT NULL
);
CREATE INDEX duty_units_geom_idx ON duty_units USING gist (geom);
CREATE INDEX duty_units_segment_idx ON duty_units (segment_id);

CREATE TABLE rivers (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL,
    geom  geometry(LineString, 4490) NOT NULL
);

-- 嫩滩 / 二滩 / 高滩 (三滩分治)
CREATE TABLE floodplain_zones (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind   floodplain_zone_kind NOT NULL UNIQUE,
    name   text NOT NULL,
    rules  text NOT NULL,
    geom   geometry(Geometry, 4490) NOT NULL
        CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND ST_IsValid(geom))
);
CREATE INDEX floodplain_zones_geom_idx ON floodplain_zones USING gist (geom);

-- 四乱 sites. status is the last event's; the trigger below keeps it so.
CREATE TABLE sites (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    category     site_category NOT NULL,
    status       site_status NOT NULL DEFAULT 'found',
    description  text NOT NULL DEFAULT '',
    photos       text[] NOT NULL DEFAULT '{}',
    geom         geometry(Geometry, 4490) NOT NULL
        CHECK (GeometryType(geom) IN ('POINT', 'POLYGON') AND ST_IsValid(geom)),
    area_m2      double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
    grid_id      bigint REFERENCES grids (id),
    zone_id      bigint REFERENCES floodplain_zones (id),
    found_at     timestamptz NOT NULL DEFAULT now(),
    closed_at    timestamptz,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_geom_idx ON sites USING gist (geom);
CREATE INDEX sites_status_idx ON sites (status);

CREATE TABLE site_events (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id  bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    status   site_status NOT NULL,
    at       timestamptz NOT NULL,
    note     text NOT NULL DEFAULT ''
);
CREATE INDEX site_events_site_idx ON site_events (site_id, at);

-- 随手拍 reports, routed to the level-3 grid that contains them.
CREATE TABLE reports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    category    report_category NOT NULL,
    status      report_status NOT NULL DEFAULT 'submitted',
    text        text NOT NULL CHECK (text <> ''),
    photos      text[] NOT NULL DEFAULT '{}',
    geom        geometry(Point, 4490) NOT NULL,
    grid_id     bigint REFERENCES grids (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);
CREATE INDEX reports_geom_idx ON reports USING gist (geom);
CREATE INDEX reports_grid_idx ON reports (grid_id);
CREATE INDEX reports_created_idx ON reports (created_at);

CREATE TABLE report_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id  bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    status     report_status NOT NULL,
    at         timestamptz NOT NULL,
    note       text NOT NULL DEFAULT ''
);
CREATE INDEX report_events_report_idx ON report_events (report_id, at);

CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    action     text NOT NULL,
    entity     text NOT NULL,
    entity_id  text,
    detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- Key/value facts about the loaded data: which dataset, its seed, its data version.
CREATE TABLE dataset_meta (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

-- An event moves its site or report to the event's status, and closes it where that status does.
-- Statement-level with a transition table, so that a bulk COPY of events costs one UPDATE.
CREATE FUNCTION apply_site_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sites s SET status = e.status,
                       closed_at = CASE WHEN e.status = 'accepted' THEN e.at END,
                       updated_at = now()
      FROM (SELECT DISTINCT ON (site_id) site_id, status, at FROM new_events ORDER BY site_id, at DESC, id DESC) e
     WHERE s.id = e.site_id;
    RETURN NULL;
END $$;
CREATE TRIGGER site_events_apply AFTER INSERT ON site_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION apply_site_events();

CREATE FUNCTION apply_report_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reports r SET status = e.status,
                         closed_at = CASE WHEN e.status = 'closed' THEN e.at END
      FROM (SELECT DISTINCT ON (report_id) report_id, status, at FROM new_events ORDER BY report_id, at DESC, id DESC) e
     WHERE r.id = e.report_id;
    RETURN NULL;
END $$;
CREATE TRIGGER report_events_apply AFTER INSERT ON report_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION apply_report_events();
