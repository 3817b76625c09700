-- The features of one import, COPYed in before anything touches the layer, so that references and
-- codes are checked set-based and every layer is written by one INSERT … SELECT (no savepoint per
-- feature: each holds a lock until commit, and 20,000 of them exhaust the lock table).
CREATE TEMP TABLE import_staging (
    n           integer PRIMARY KEY,
    code        text NOT NULL,
    code_given  boolean NOT NULL,
    category    text,
    body        text,
    name        text,
    kind        text,
    ref_code    text,
    area_code   text,
    level       integer,
    num         integer,
    at          timestamptz,
    status      text,
    geom        geometry NOT NULL,
    grid_id     bigint,
    refused     boolean NOT NULL DEFAULT false
) ON COMMIT DROP
