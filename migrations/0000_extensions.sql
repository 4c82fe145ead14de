-- pg_trgm backs diacritic-insensitive fuzzy search on folded text columns.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
