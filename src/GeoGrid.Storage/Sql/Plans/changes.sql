-- The moments the grids changed after the history began — versions made or ended by an applied plan or
-- an edit — oldest first, each with its plan (if any) and how many grids changed; and when the recorded
-- history begins. A version carries the plan that made it; a grid removed leaves a version that ends
-- with no successor. A time slider steps through these; the grids as of any date come from grids_at.
WITH began AS (
    SELECT min(valid_from) AS at FROM grid_history
), moments AS (
    SELECT h.valid_from AS at, h.plan_id AS plan, h.grid_id
      FROM grid_history h, began WHERE h.valid_from > began.at
    UNION ALL
    SELECT h.valid_to, NULL, h.grid_id
      FROM grid_history h
     WHERE h.valid_to < 'infinity'
       AND NOT EXISTS (SELECT 1 FROM grid_history n WHERE n.grid_id = h.grid_id AND n.valid_from = h.valid_to)
)
SELECT json_build_object(
    'since', (SELECT at FROM began),
    'changes', coalesce((
        SELECT json_agg(c ORDER BY c.at)
          FROM (SELECT date_trunc('second', m.at) AS at, (array_agg(DISTINCT m.plan) FILTER (WHERE m.plan IS NOT NULL))[1] AS plan,
                       count(DISTINCT m.grid_id) AS grids
                  FROM moments m GROUP BY 1) c), '[]'::json))::text
