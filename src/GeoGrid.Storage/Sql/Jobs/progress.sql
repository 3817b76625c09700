UPDATE analysis_jobs SET status = 'running', progress = $2, stage = $3 WHERE id = $1 AND status IN ('queued', 'running')
