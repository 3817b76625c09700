-- $1 id, $2 summary, $3 result, $4 the data version the run read, $5 runner.
UPDATE analysis_jobs SET status = 'succeeded', progress = 1, stage = 'done', summary = $2, result = $3, data_version = $4, finished_at = now()
 WHERE id = $1 AND runner = $5 AND status = 'running'
