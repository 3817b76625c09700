UPDATE analysis_jobs SET status = 'failed', finished_at = now(),
       error = jsonb_build_object('title', 'Interrupted', 'detail', 'the server stopped before the job finished; start it again')
 WHERE status IN ('queued', 'running')
