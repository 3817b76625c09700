-- $1 id: a finished job and its result go.
DELETE FROM analysis_jobs WHERE id = $1 AND status NOT IN ('queued', 'running') RETURNING id
