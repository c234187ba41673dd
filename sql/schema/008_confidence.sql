-- How sure the extraction is of each row: `confidence` in [0, 1] on every statement and
-- commitment (from the learned layer where it exists, else the rules' own estimate; null when the
-- extractor gave none, which the quality checks count as low). Added after the first release:
-- existing warehouses get the columns (their older rows stay null).
alter table core.statements add column if not exists confidence double;
alter table core.commitments add column if not exists confidence double;
alter table staging.statements add column if not exists confidence double;
alter table staging.commitments add column if not exists confidence double;

-- The rows an analyst should check first (marts.review_queue): every row a meaning check or the
-- confidence check of the quality gate found (not only the samples), one row per (validation,
-- expectation, row). Written with the run's core.quality_results (pipeline/quality/store.py);
-- validating a run again replaces its rows. row_kind: commitment | statement | actor | article;
-- row_key: the key of that row; span_*: the evidence to read (an article's signal sentence).
create table if not exists core.review_flags (
    run_id        varchar not null,
    suite         varchar not null,
    expectation   varchar not null,
    reason        varchar not null,
    priority      integer not null,      -- weight of the reason in the queue (the suite file's meta.review_priority)
    row_kind      varchar not null,
    row_key       varchar not null,
    article_id    varchar,
    span_start    integer,
    span_end      integer,
    checked_at    timestamp not null
);
