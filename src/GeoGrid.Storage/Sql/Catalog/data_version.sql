SELECT coalesce((SELECT value::bigint FROM dataset_meta WHERE key = 'data_version'), 0)
