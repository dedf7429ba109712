-- Search reads `title_norm like '%…%' or body ilike '%…%'`. Without an index on the body, PostgreSQL scanned every
-- proposal of the board for each search: 280–420 ms at 100,000 proposals for a rare word or no match (bench:list,
-- EXPLAIN ANALYZE: Parallel Seq Scan). A trigram index on the body turns the OR into a BitmapOr of two index scans
-- (0.1–6 ms). pg_trgm works on Hangul syllables.
create index proposals_body_trgm on proposals using gin (body gin_trgm_ops);
