INSERT INTO analysis_jobs (analysis, parameters, data_version, runner) VALUES ($1, $2, $3, $4) RETURNING id
