-- a run's counts (after run_counts_clear.sql): one row per (kind, name). $run_id is bound, and
-- $kinds, $names, $ns: lists of equal length (kind, name, n of each row; empty: no rows).
insert into core.run_counts (run_id, kind, name, n)
select $run_id, unnest($kinds::varchar[]), unnest($names::varchar[]), unnest($ns::bigint[])
