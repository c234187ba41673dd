-- What each run counted, typed (one row per number) instead of the JSON in core.runs.counts,
-- whose shape readers had to guess. Written by pipeline/runstate.py `finish_run` (every step
-- replaces its run's rows: sql/core/run_counts_clear.sql + run_counts_write.sql). Existing
-- warehouses: the runs that only have the JSON are back-filled from it when the warehouse is
-- opened (sql/core/run_counts_backfill.sql, run by pipeline/warehouse/db.py `init_schema`).
-- Every reader reads this table; core.runs.counts is no longer written and migration 012 drops it
-- (after the back-fill).
--
-- Grain: one row per (run_id, kind, name).
--   kind 'rows_added': name = the table (staging name: articles, statements, commitments, ...;
--                      also pledges, article_versions), n = rows the run's publish added to it
--                      (a run that did not publish has none);
--   kind 'inputs':     name = what became of the documents read (pipeline/runstate.py
--                      INPUT_OUTCOMES: loaded, duplicate, rejected, quarantined, skipped_known,
--                      extraction_skipped_language), n = documents;
--   kind 'run':        name = files (files and URLs read) | superseded (earlier article versions
--                      this run replaced), n = that number.
create table if not exists core.run_counts (
    run_id   varchar not null,
    kind     varchar not null check (kind in ('rows_added', 'inputs', 'run')),
    name     varchar not null,
    n        bigint not null,
    primary key (run_id, kind, name)
);
