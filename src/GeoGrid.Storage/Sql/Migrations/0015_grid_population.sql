-- A grid's population (人口), an attribute planners keep beside households: unknown (null) until someone
-- records it — the demo data has none. Kept in every grid version and in plans.
ALTER TABLE grids ADD COLUMN population integer CHECK (population >= 0);
ALTER TABLE grid_history ADD COLUMN population integer;
ALTER TABLE plan_grids ADD COLUMN population integer CHECK (population >= 0);

CREATE OR REPLACE FUNCTION record_grid_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.code, OLD.name, OLD.level, OLD.parent_id, OLD.area_code, OLD.households, OLD.population, OLD.version) IS NOT DISTINCT FROM
                            (NEW.code, NEW.name, NEW.level, NEW.parent_id, NEW.area_code, NEW.households, NEW.population, NEW.version)
       AND ST_Equals(OLD.geom, NEW.geom) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM grid_history WHERE grid_id = OLD.id AND valid_to = 'infinity' AND valid_from = now();
        UPDATE grid_history SET valid_to = now() WHERE grid_id = OLD.id AND valid_to = 'infinity';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO grid_history (grid_id, code, name, level, parent_id, area_code, households, population, geom, version, valid_from, plan_id)
        VALUES (NEW.id, NEW.code, NEW.name, NEW.level, NEW.parent_id, NEW.area_code, NEW.households, NEW.population, NEW.geom, NEW.version, now(),
                nullif(current_setting('geogrid.plan', true), '')::uuid);
    END IF;
    RETURN NULL;
END $$;
