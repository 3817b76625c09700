-- $1 layer table. Codes that clash: given twice in the file, or already in the layer.
SELECT s.n, 'code', format('code ''%s'' is given twice in this import (also feature %s)', s.code, d.first)
  FROM import_staging s
  JOIN (SELECT code, min(n) AS first FROM import_staging GROUP BY code HAVING count(*) > 1) d ON d.code = s.code AND s.n > d.first
UNION ALL
SELECT s.n, 'code', format('a feature with code ''%s'' exists already', s.code)
  FROM import_staging s
 WHERE s.code_given AND EXISTS (SELECT 1 FROM {table} t WHERE t.code = s.code)
