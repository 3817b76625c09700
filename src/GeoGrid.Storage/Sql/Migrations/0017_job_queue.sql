-- Jobs become a queue that every server takes from: a job keeps the request it was submitted with
-- (request: its query parameters), so any server can run it; a server claims the oldest queued job
-- with FOR UPDATE SKIP LOCKED (two servers never take the same one and never wait on each other);
-- a job whose server stopped or crashed goes back to the queue for another server instead of
-- failing, until it has been claimed `attempts` times (a job that crashes every server it runs on
-- must not go round for ever).
ALTER TABLE analysis_jobs ADD COLUMN request jsonb, ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN started_at timestamptz;
CREATE INDEX analysis_jobs_queue_idx ON analysis_jobs (created_at) WHERE status = 'queued';
-- Unfinished jobs of servers from before the queue kept no request: nothing can run them again.
UPDATE analysis_jobs SET status = 'failed', finished_at = now(),
       error = jsonb_build_object('title', 'Interrupted', 'detail', 'the server running the job stopped before it finished; start it again')
 WHERE status IN ('queued', 'running');
