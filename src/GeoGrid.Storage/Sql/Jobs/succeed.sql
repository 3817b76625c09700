UPDATE analysis_jobs SET status = 'succeeded', progress = 1, stage = 'done', summary = $2, result = $3, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')
