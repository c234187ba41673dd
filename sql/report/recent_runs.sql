-- The last $limit runs, oldest first (the report's history chart).
with
final as (
    select run_id, started_at, finished_at, status
    from core.runs
    order by started_at desc
    limit $limit
)
select * from final order by started_at
