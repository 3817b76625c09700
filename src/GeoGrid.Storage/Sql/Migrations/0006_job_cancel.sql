-- Jobs can be cancelled (DELETE /jobs/{id}); a cancelled job keeps its row, marked so.
ALTER TABLE analysis_jobs DROP CONSTRAINT analysis_jobs_status_check;
ALTER TABLE analysis_jobs ADD CONSTRAINT analysis_jobs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'));
