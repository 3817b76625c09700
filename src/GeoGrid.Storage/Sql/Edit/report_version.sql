SELECT version FROM reports WHERE code = $1
