-- The counts of the most recent published runs before the one under test (newest first).
-- Parameters: $run_id (excluded; null in core scope), $before (only runs started before this),
-- $limit.
with
source as (
    select run_id, started_at, counts
    from core.runs
    where status = 'published'
        and counts is not null
        and run_id is distinct from $run_id
        and ($before::timestamp is null or started_at < $before::timestamp)
),
final as (
    select run_id, started_at, counts
    from source
    order by started_at desc
    limit $limit
)
select * from final
