-- $1 id, $2 error, $3 runner.
UPDATE analysis_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND runner = $3 AND status = 'running'
