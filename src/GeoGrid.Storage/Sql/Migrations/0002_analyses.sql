-- Analyses: every run records its parameters and the data version it saw; long runs are jobs whose
-- progress and result live here, so a result can be fetched later (and survives a restart).
CREATE TABLE analysis_jobs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    analysis      text NOT NULL,
    parameters    jsonb NOT NULL,
    data_version  bigint NOT NULL,
    status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    progress      double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    stage         text NOT NULL DEFAULT '',
    error         jsonb,
    summary       jsonb,
    result        jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
CREATE INDEX analysis_jobs_created_idx ON analysis_jobs (created_at DESC);

-- The data version: one number that moves whenever the data analyses and tiles read changes, so a
-- result can say what it ran on and a tile cache can tell that the data moved under it. A sequence,
-- not a row: bumping a row once per statement of a 10,000-feature import in one transaction makes
-- PostgreSQL walk an ever longer chain of row versions (quadratic), while nextval costs nothing and is
-- outside transactions. The triggers are deferred to commit, so the number moves when the change
-- becomes visible, not when a long import begins.
CREATE SEQUENCE data_version;
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('data_version');
    RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['admin_areas', 'grids', 'grid_workers', 'road_chiefs', 'road_segments', 'duty_units',
                             'floodplain_zones', 'sites', 'site_events', 'reports', 'report_events'] LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()', t || '_data_version', t);
    END LOOP;
END $$;
