-- $1 runner, $2 the ids it runs: vouches for those still unfinished, and answers the ids that are not
-- (cancelled through another server), so the runner stops them.
WITH alive AS (
    UPDATE analysis_jobs SET heartbeat_at = now(), runner = $1
     WHERE id = ANY($2) AND status IN ('queued', 'running')
    RETURNING id
)
SELECT id FROM unnest($2::uuid[]) id WHERE id NOT IN (SELECT id FROM alive)
