-- $1 id, $2 fraction, $3 stage, $4 runner: only the server that holds the job reports on it.
UPDATE analysis_jobs SET progress = $2, stage = $3, heartbeat_at = now() WHERE id = $1 AND runner = $4 AND status = 'running'
