-- Planners redraw grids (the planning issue): every grid version is kept with when it was valid, and
-- a plan is a draft of a parent's children that is applied at once.

-- Each grid version: valid from when it was written until the next (or its deletion); 'infinity' while
-- current. A version written and replaced in one transaction was never seen and is not kept.
CREATE TABLE grid_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_id     bigint NOT NULL,
    code        text NOT NULL,
    name        text NOT NULL,
    level       smallint NOT NULL,
    parent_id   bigint,
    area_code   text NOT NULL,
    households  integer NOT NULL,
    geom        geometry(Geometry, 4490) NOT NULL,
    version     integer NOT NULL,
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz NOT NULL DEFAULT 'infinity',
    plan_id     uuid,
    CHECK (valid_from <= valid_to)
);
CREATE INDEX grid_history_grid_idx ON grid_history (grid_id, valid_to);
CREATE INDEX grid_history_code_idx ON grid_history (code, valid_from);
CREATE INDEX grid_history_geom_idx ON grid_history USING gist (geom);

-- The plan a change belongs to comes in the transaction's setting geogrid.plan (set by apply).
CREATE FUNCTION record_grid_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.code, OLD.name, OLD.level, OLD.parent_id, OLD.area_code, OLD.households, OLD.version) IS NOT DISTINCT FROM
                            (NEW.code, NEW.name, NEW.level, NEW.parent_id, NEW.area_code, NEW.households, NEW.version)
       AND ST_Equals(OLD.geom, NEW.geom) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM grid_history WHERE grid_id = OLD.id AND valid_to = 'infinity' AND valid_from = now();
        UPDATE grid_history SET valid_to = now() WHERE grid_id = OLD.id AND valid_to = 'infinity';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO grid_history (grid_id, code, name, level, parent_id, area_code, households, geom, version, valid_from, plan_id)
        VALUES (NEW.id, NEW.code, NEW.name, NEW.level, NEW.parent_id, NEW.area_code, NEW.households, NEW.geom, NEW.version, now(),
                nullif(current_setting('geogrid.plan', true), '')::uuid);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER grids_history AFTER INSERT OR UPDATE OR DELETE ON grids FOR EACH ROW EXECUTE FUNCTION record_grid_history();

INSERT INTO grid_history (grid_id, code, name, level, parent_id, area_code, households, geom, version, valid_from)
SELECT id, code, name, level, parent_id, area_code, households, geom, version,
       coalesce((SELECT value::timestamptz FROM dataset_meta WHERE key = 'loaded_at'), updated_at)
  FROM grids;

-- The grids as they were at an instant, shaped as the grids table (inlined into the caller's query).
CREATE FUNCTION grids_at(at timestamptz)
RETURNS TABLE (id bigint, code text, name text, level smallint, parent_id bigint, area_code text, households integer, geom geometry, version integer, updated_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT h.grid_id, h.code, h.name, h.level, h.parent_id, h.area_code, h.households, h.geom, h.version, h.valid_from
      FROM grid_history h WHERE h.valid_from <= at AND at < h.valid_to
$$;

-- Reports and sites keep the grid they were filed in when a plan re-attributes them (null: the same as grid_id).
ALTER TABLE reports ADD COLUMN filed_grid_id bigint;
ALTER TABLE sites ADD COLUMN filed_grid_id bigint;
-- A worker whose grid a plan removed follows the grid that took most of it, and is flagged so.
ALTER TABLE grid_workers ADD COLUMN moved_from text;

CREATE TABLE plans (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    author       text NOT NULL,
    parent_code  text NOT NULL,
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'applied')),
    revision     integer NOT NULL DEFAULT 1,
    reverts      uuid REFERENCES plans (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz
);

-- The plan's children of its parent as drawn now, and the versions of the parent's children it started from.
CREATE TABLE plan_grids (
    plan_id     uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    households  integer NOT NULL CHECK (households >= 0),
    geom        geometry(Polygon, 4490) NOT NULL,
    PRIMARY KEY (plan_id, code)
);
CREATE TABLE plan_base (
    plan_id   uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code      text NOT NULL,
    version   integer NOT NULL,
    PRIMARY KEY (plan_id, code)
);
