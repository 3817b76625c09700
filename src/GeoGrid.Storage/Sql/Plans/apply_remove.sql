-- $1 codes the plan removes (their children were handed to other grids first).
DELETE FROM grids WHERE code = ANY($1)
