-- Who may do what, and the 四乱 lifecycle with its rules (the inspection issue).

-- People sign in with a name and password (hashed by ASP.NET Core's PasswordHasher; never stored in
-- clear) and get a bearer token; machines use API keys, stored as their SHA-256 only. An inspector's,
-- planner's or grid worker's changes are limited to the administrative areas in `areas` (codes; a
-- feature is inside when its area's code starts with one of them); NULL means everywhere.
CREATE TYPE user_role AS ENUM ('public', 'grid_worker', 'inspector', 'planner', 'analyst', 'admin');
CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.@-]{2,64}$'),
    display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role           user_role NOT NULL,
    password_hash  text,
    areas          text[] CHECK (areas IS NULL OR cardinality(areas) > 0),
    disabled_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sha256      bytea NOT NULL UNIQUE,
    label       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The key bearer tokens are signed with, made once by the first server (so that every server of a
-- deployment and every restart accepts the tokens of the others).
CREATE TABLE signing_keys (
    id          smallint PRIMARY KEY CHECK (id = 1),
    secret      bytea NOT NULL CHECK (length(secret) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The audit log says who (the user, or 'geogrid import' for the CLI), what, before and after, and in
-- which administrative area, so that an admin can read it per feature, per user and per area.
ALTER TABLE audit_log ADD COLUMN user_name text, ADD COLUMN area_code text, ADD COLUMN before jsonb, ADD COLUMN after jsonb;
CREATE INDEX audit_log_user_idx ON audit_log (user_name, at);
CREATE INDEX audit_log_area_idx ON audit_log (area_code text_pattern_ops, at);

-- Phone numbers are stored whole and masked on the way out for roles not entitled to them.
ALTER TABLE grid_workers DROP CONSTRAINT grid_workers_phone_check;
ALTER TABLE grid_workers ADD CONSTRAINT grid_workers_phone_check CHECK (phone ~ '^1[0-9]{2}([0-9]{4}|\*{4})[0-9]{4}$');
ALTER TABLE road_chiefs DROP CONSTRAINT road_chiefs_phone_check;
ALTER TABLE road_chiefs ADD CONSTRAINT road_chiefs_phone_check CHECK (phone ~ '^1[0-9]{2}([0-9]{4}|\*{4})[0-9]{4}$');

-- 四乱: a site found by mistake is rejected, one found twice is a duplicate of the first.
ALTER TYPE site_status ADD VALUE 'rejected';
ALTER TYPE site_status ADD VALUE 'duplicate';
ALTER TABLE sites ADD COLUMN duplicate_of bigint REFERENCES sites (id) ON DELETE SET NULL;

-- Every event says who made it; photos and documents hang on events.
ALTER TABLE site_events ADD COLUMN actor text NOT NULL DEFAULT '';
CREATE TABLE site_attachments (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES site_events (id) ON DELETE CASCADE,
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type  text NOT NULL,
    size_bytes    integer NOT NULL CHECK (size_bytes > 0),
    sha256        bytea NOT NULL CHECK (length(sha256) = 32),
    content       bytea NOT NULL,
    actor         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_attachments_event_idx ON site_attachments (event_id);

-- How long each step may take, per category (days from entering the status to leaving it). Settable:
-- an UPDATE of this table is the setting.
CREATE TABLE site_step_deadlines (
    category  site_category NOT NULL,
    status    text NOT NULL CHECK (status IN ('found', 'verified', 'assigned', 'demolished', 'cleared')),
    days      numeric NOT NULL CHECK (days > 0 AND days <= 3650),
    PRIMARY KEY (category, status)
);
-- 立拆立清: clearance follows demolition within a day or two; verification within three days.
INSERT INTO site_step_deadlines (category, status, days)
SELECT c, s, d FROM unnest(enum_range(NULL::site_category)) c,
     (VALUES ('found', 3), ('verified', 2), ('assigned', 15), ('demolished', 2), ('cleared', 5)) v(s, d);
UPDATE site_step_deadlines SET days = 30 WHERE status = 'assigned' AND category = 'building';
UPDATE site_step_deadlines SET days = 1 WHERE status = 'demolished' AND category = 'dumping';

-- 随手拍: a reporter may withdraw, a likely duplicate is linked to the first report, and the client
-- that filed it holds a token for withdrawing (its SHA-256 only).
ALTER TYPE report_status ADD VALUE 'withdrawn';
ALTER TABLE reports ADD COLUMN duplicate_of bigint REFERENCES reports (id) ON DELETE SET NULL,
                    ADD COLUMN reporter text,
                    ADD COLUMN withdraw_sha256 bytea;
ALTER TABLE report_events ADD COLUMN actor text NOT NULL DEFAULT '';
CREATE INDEX reports_category_created_idx ON reports (category, created_at);

-- How long a 随手拍 report of each category may stay open (days from filing to 办结); settable like
-- the site deadlines. A report closed later, or open past it, is overdue.
CREATE TABLE report_deadlines (
    category  report_category PRIMARY KEY,
    days      numeric NOT NULL CHECK (days > 0 AND days <= 3650)
);
INSERT INTO report_deadlines (category, days) VALUES
    ('sanitation', 2), ('city_order', 3), ('road_facility', 7), ('floodplain', 7), ('safety', 1), ('dispute', 15), ('other', 7);
