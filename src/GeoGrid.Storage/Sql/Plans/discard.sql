-- $1 plan id: a draft is deleted; an applied plan stays, as history.
DELETE FROM plans WHERE id = $1 AND status = 'draft' RETURNING true
