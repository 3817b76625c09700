-- $1 id: a queued or running job stops as cancelled; answers its id when it was one.
UPDATE analysis_jobs SET status = 'cancelled', finished_at = now(),
       error = jsonb_build_object('title', 'Cancelled', 'detail', 'cancelled by DELETE /jobs/' || id)
 WHERE id = $1 AND status IN ('queued', 'running')
RETURNING id
