-- $1 runner, $2 the ids it runs: vouches for those still its own and running, and answers the others
-- (cancelled through another server, or given to another server after a lapse), so the runner stops them.
WITH alive AS (
    UPDATE analysis_jobs SET heartbeat_at = now()
     WHERE id = ANY($2) AND runner = $1 AND status = 'running'
    RETURNING id
)
SELECT id FROM unnest($2::uuid[]) id WHERE id NOT IN (SELECT id FROM alive)
