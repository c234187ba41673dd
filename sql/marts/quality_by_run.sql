-- marts.quality_by_run: one row per (run, suite): how many expectations passed and failed.
create or replace table marts.quality_by_run as
select
    q.run_id,
    r.started_at,
    r.status as run_status,
    q.suite,
    count(*) filter (where q.success) as passed,
    count(*) filter (where not q.success) as failed,
    count(*) filter (where not q.success and q.is_blocking) as failed_blocking,
from core.quality_results as q
left join core.runs as r on r.run_id = q.run_id
group by all
order by r.started_at desc nulls last, q.suite;
