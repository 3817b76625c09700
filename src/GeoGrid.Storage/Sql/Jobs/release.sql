-- $1 id, $2 runner: a server stopping gives its running job back to the queue for another server (the
-- claim it made does not count against the job).
UPDATE analysis_jobs SET status = 'queued', runner = NULL, progress = 0, stage = 'queued again: its server stopped',
       attempts = greatest(attempts - 1, 0)
 WHERE id = $1 AND runner = $2 AND status = 'running'
