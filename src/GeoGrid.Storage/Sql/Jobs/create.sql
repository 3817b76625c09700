INSERT INTO analysis_jobs (analysis, parameters, data_version) VALUES ($1, $2, $3) RETURNING id
