UPDATE analysis_jobs SET status = 'running', progress = $2, stage = $3, heartbeat_at = now() WHERE id = $1 AND status IN ('queued', 'running')
