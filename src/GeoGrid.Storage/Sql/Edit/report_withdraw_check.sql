-- $1 report id: who filed it and the SHA-256 of the token its filing returned.
SELECT reporter, withdraw_sha256, status::text FROM reports WHERE id = $1
