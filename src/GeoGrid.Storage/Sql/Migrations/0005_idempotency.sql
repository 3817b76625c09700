-- Creates a retrying client may repeat (the answer was lost, the server was killed): the key it sent
-- with the first attempt names the feature that attempt made, written in the same transaction, so a
-- retry returns that feature instead of making a second one.
CREATE TABLE idempotency_keys (
    key         text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    entity      text NOT NULL,
    code        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, entity)
);
