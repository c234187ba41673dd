-- The analyst's report keeps what each published run's per-donor totals were, so the next
-- report can show the change since then (pipeline/report). Written by the report step after
-- publish, replaced when a run's report is written again. Not read by the marts.

-- one row per published run whose report took a snapshot (also when it had no donors)
create table if not exists core.report_snapshots (
    run_id        varchar not null,
    donor_lines   integer not null,    -- rows in core.report_donor_totals for the run
    taken_at      timestamp not null
);

-- one row per (run, committer, line) of marts.pledges_by_committer as the run published it
create table if not exists core.report_donor_totals (
    run_id               varchar not null,
    committer_actor_id   varchar not null,
    committer_name       varchar,
    line                 varchar not null   -- marts.pledges_by_committer's lines
        check (line in ('own', 'joint', 'refused')),
    pledges              bigint not null,
    pledges_with_amount  bigint not null,
    amount_usd           double not null,
    amount_eur           double not null,
    unconverted          bigint not null
);
