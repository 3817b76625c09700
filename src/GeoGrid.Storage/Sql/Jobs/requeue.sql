-- $1 lease (seconds), $2 claims allowed: running jobs no server has vouched for within the lease lost
-- their server (it crashed or was killed). They go back to the queue for another server, or fail once
-- they have been claimed as often as allowed. Answers each id with what became of it.
UPDATE analysis_jobs SET
       status = CASE WHEN attempts < $2 THEN 'queued' ELSE 'failed' END,
       runner = NULL, progress = 0,
       stage = CASE WHEN attempts < $2 THEN 'queued again: its server stopped' ELSE stage END,
       finished_at = CASE WHEN attempts < $2 THEN NULL ELSE now() END,
       error = CASE WHEN attempts < $2 THEN NULL
                    ELSE jsonb_build_object('title', 'Interrupted', 'detail',
                         'the servers running the job stopped before it finished, ' || attempts || ' times; start it again') END
 WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
RETURNING id, status
