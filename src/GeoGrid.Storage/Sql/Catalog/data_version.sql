SELECT last_value FROM data_version
