SELECT id, analysis, parameters::text, data_version, status, progress, stage, error::text, summary::text, created_at, finished_at
  FROM analysis_jobs WHERE id = $1
