-- The run before this one (by start time) that got as far as counting rows (its rows added:
-- run_rows_added.sql).
select run_id, started_at, status
from core.runs
where run_id <> $run_id
    and status in ('published', 'failed', 'nothing_new')
    and ($started_at::timestamp is null or started_at < $started_at::timestamp)
order by started_at desc
limit 1
