-- core.runs.counts, the run's counts as untyped JSON, is gone: core.run_counts (011) holds them,
-- typed, and every reader reads that table. Existing warehouses: the JSON of runs recorded before
-- 011 is back-filled into core.run_counts just before this file runs (pipeline/warehouse/db.py
-- `init_schema`, sql/core/run_counts_backfill.sql). Idempotent (a warehouse without the column is
-- left as it is). A DuckLake keeps the column (it only adds columns), unwritten and unread.
alter table core.runs drop column if exists counts;
