-- $1 plan id, $2 the revision the change was made from: moves the draft to its next revision, or no
-- row when it has moved on (or is applied).
UPDATE plans SET revision = revision + 1 WHERE id = $1 AND revision = $2 AND status = 'draft' RETURNING revision
