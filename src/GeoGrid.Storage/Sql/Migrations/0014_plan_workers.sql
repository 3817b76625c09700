-- A plan can name a grid's head and workers (the planning issue's attribute edits): the list replaces
-- the grid's workers when the plan is applied. Only grids whose workers the planner set have a row, so
-- "not set" (keep them, or let them follow a merge) differs from "set to none".
CREATE TABLE plan_workers (
    plan_id  uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code     text NOT NULL,
    workers  jsonb NOT NULL CHECK (jsonb_typeof(workers) = 'array'),
    PRIMARY KEY (plan_id, code)
);
