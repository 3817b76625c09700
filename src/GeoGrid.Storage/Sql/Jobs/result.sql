SELECT result::text FROM analysis_jobs WHERE id = $1 AND status = 'succeeded'
