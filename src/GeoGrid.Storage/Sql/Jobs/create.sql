-- $1 analysis, $2 effective parameters (as shown), $3 data version at submission, $4 the request's query
-- (what a server runs it from). Queued for whichever server claims it first.
INSERT INTO analysis_jobs (analysis, parameters, data_version, request) VALUES ($1, $2, $3, $4) RETURNING id
