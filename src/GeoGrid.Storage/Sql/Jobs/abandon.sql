-- $1 lease (seconds): unfinished jobs no live server has vouched for within the lease can never finish.
UPDATE analysis_jobs SET status = 'failed', finished_at = now(),
       error = jsonb_build_object('title', 'Interrupted', 'detail', 'the server running the job stopped before it finished; start it again')
 WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $1)
RETURNING id
