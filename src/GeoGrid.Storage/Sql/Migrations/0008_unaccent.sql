-- CQL2 ACCENTI: comparisons without regard to accents use PostgreSQL's unaccent (a trusted extension:
-- a database owner may create it).
CREATE EXTENSION IF NOT EXISTS unaccent;
