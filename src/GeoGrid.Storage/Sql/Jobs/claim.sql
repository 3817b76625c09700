-- $1 runner: takes the oldest queued job. SKIP LOCKED: a job another server is claiming at this moment
-- is passed over, not waited for, so servers claiming together each get a different job.
UPDATE analysis_jobs SET status = 'running', runner = $1, heartbeat_at = now(), started_at = now(),
       attempts = attempts + 1, stage = 'claimed'
 WHERE id = (SELECT id FROM analysis_jobs WHERE status = 'queued' AND request IS NOT NULL
              ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id, analysis, request::text
