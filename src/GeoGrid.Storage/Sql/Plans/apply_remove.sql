-- $1 parent id, $2 codes the plan removes.
DELETE FROM grids WHERE parent_id = $1 AND code = ANY($2)
