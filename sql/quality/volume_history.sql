-- The most recent published runs before the one under test that counted rows added
-- (core.run_counts, kind rows_added), newest first; their per-table counts:
-- sql/quality/volume_counts.sql. Parameters: $run_id (excluded; null in core scope), $before
-- (only runs started before this), $limit.
with
counted as (
    select distinct run_id from core.run_counts where kind = 'rows_added'
),
source as (
    select r.run_id, r.started_at
    from core.runs as r
    semi join counted as c on c.run_id = r.run_id
    where r.status = 'published'
        and r.run_id is distinct from $run_id
        and ($before::timestamp is null or r.started_at < $before::timestamp)
),
final as (
    select run_id, started_at
    from source
    order by started_at desc, run_id
    limit $limit
)
select * from final
