-- Several servers may share one database. A job records the server process running it (runner) and
-- when that process last said it was alive (heartbeat_at); a server starting up, and every server now
-- and then, fails only the unfinished jobs whose heartbeat is older than the lease — jobs whose server
-- is gone — instead of every unfinished job, which would fail the running jobs of the other servers.
ALTER TABLE analysis_jobs ADD COLUMN runner uuid, ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX analysis_jobs_unfinished_idx ON analysis_jobs (heartbeat_at) WHERE status IN ('queued', 'running');
