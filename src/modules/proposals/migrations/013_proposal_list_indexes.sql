-- Indexes for the board list at 100,000 proposals (measured with bench:list and EXPLAIN ANALYZE).
-- Search reads `title_norm like '%…%' or body ilike '%…%'`. Without an index on the body, PostgreSQL scanned every
-- proposal of the board for each search: 280–420 ms at 100,000 proposals for a rare word or no match (bench:list,
-- EXPLAIN ANALYZE: Parallel Seq Scan). A trigram index on the body turns the OR into a BitmapOr of two index scans
-- (0.1–6 ms). pg_trgm works on Hangul syllables.
create index proposals_body_trgm on proposals using gin (body gin_trgm_ops);

-- Every board page shows the board's total (`count(*) … where component_id = ? and stage in (public stages)`): a scan
-- of the whole table, 53–65 ms at 100,000 proposals on the server. An index on (component_id, stage) lets PostgreSQL
-- count with an index-only scan (measured 17–27 ms with the earlier partial index on the same column; still linear
-- in the board's size: a maintained count would be O(1)).
create index proposals_component_stage on proposals (component_id, stage);
