SELECT version FROM sites WHERE code = $1
