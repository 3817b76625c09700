-- How many 随手拍 reports each grid holds, and how many of them are open, counting a grid's children's
-- reports as its own (a town-level grid counts every report in its villages' blocks). The low-zoom tiles
-- draw these counts instead of the reports; counted when each tile was drawn, they cost 40–130 ms a tile
-- (a subquery through the grid tree per grid), kept here they are a key lookup. The reports' own
-- statements keep them exact, in their transaction: one statement-level trigger per kind of change adds
-- what its rows add or take away (grouped per grid first, then carried up the grid tree), so an import of
-- 200,000 reports updates each grid's row once. A change to the grid tree itself (plans, imports of grids)
-- recounts everything: it is rare, and a moved parent would otherwise leave its old ancestors' counts wrong.
CREATE TABLE grid_report_counts (
    grid_id  bigint PRIMARY KEY REFERENCES grids (id) ON DELETE CASCADE,
    reports  integer NOT NULL,
    open     integer NOT NULL
);

CREATE FUNCTION report_is_open(status report_status) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN status IN ('closed', 'withdrawn') THEN 0 ELSE 1 END $$;

-- Adds per-row changes (grid, ±1, ±open) to each grid and all its ancestors.
CREATE FUNCTION add_report_counts(grid_ids bigint[], reports integer[], opens integer[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE per_grid AS (
        SELECT g AS grid_id, sum(r)::integer AS reports, sum(o)::integer AS open
          FROM unnest(grid_ids, reports, opens) AS d (g, r, o) WHERE g IS NOT NULL GROUP BY g
    ), chain AS (
        SELECT grid_id, reports, open FROM per_grid
        UNION ALL
        SELECT g.parent_id, chain.reports, chain.open FROM chain JOIN grids g ON g.id = chain.grid_id WHERE g.parent_id IS NOT NULL
    )
    INSERT INTO grid_report_counts AS c (grid_id, reports, open)
    SELECT grid_id, sum(reports), sum(open) FROM chain GROUP BY grid_id HAVING sum(reports) <> 0 OR sum(open) <> 0
    -- Rows locked in one order by every statement: two reports of one village filed at once wait for
    -- each other instead of deadlocking.
    ORDER BY grid_id
    ON CONFLICT (grid_id) DO UPDATE SET reports = c.reports + excluded.reports, open = c.open + excluded.open
$$;

CREATE FUNCTION recount_reports() RETURNS void LANGUAGE sql AS $$
    DELETE FROM grid_report_counts;
    SELECT add_report_counts(array_agg(grid_id), array_agg(1), array_agg(report_is_open(status))) FROM reports;
$$;

CREATE FUNCTION report_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_report_counts(array_agg(grid_id), array_agg(1), array_agg(report_is_open(status))) FROM new_rows;
    RETURN NULL;
END $$;

CREATE FUNCTION report_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_report_counts(array_agg(grid_id), array_agg(-1), array_agg(-report_is_open(status))) FROM old_rows;
    RETURN NULL;
END $$;

CREATE FUNCTION report_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_report_counts(array_agg(grid_id), array_agg(n), array_agg(o))
       FROM (SELECT grid_id, -1 AS n, -report_is_open(status) AS o FROM old_rows
             UNION ALL SELECT grid_id, 1, report_is_open(status) FROM new_rows) d;
    RETURN NULL;
END $$;

CREATE FUNCTION report_counts_regrid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM recount_reports();
    RETURN NULL;
END $$;

CREATE TRIGGER reports_counted_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_inserted();
CREATE TRIGGER reports_counted_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_deleted();
CREATE TRIGGER reports_counted_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_updated();
CREATE TRIGGER grids_recount_insert AFTER INSERT ON grids FOR EACH STATEMENT EXECUTE FUNCTION report_counts_regrid();
CREATE TRIGGER grids_recount_update AFTER UPDATE OF parent_id ON grids FOR EACH STATEMENT EXECUTE FUNCTION report_counts_regrid();
CREATE TRIGGER grids_recount_delete AFTER DELETE ON grids FOR EACH STATEMENT EXECUTE FUNCTION report_counts_regrid();

SELECT recount_reports();
