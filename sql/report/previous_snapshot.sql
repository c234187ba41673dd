-- The snapshot to compare this run's per-donor totals with: the newest one taken by a published
-- run that started before this run, and the published run right before this one (to tell the
-- reader when the two differ: that run's report kept no snapshot). Parameters: $run_id,
-- $started_at (this run's start; null: compare with the newest).
with
earlier as (
    select run_id, started_at
    from core.runs
    where status = 'published'
        and run_id <> $run_id
        and ($started_at::timestamp is null or started_at < $started_at::timestamp)
),

last_published as (
    select run_id, started_at from earlier order by started_at desc limit 1
),

last_snapshot as (
    select e.run_id, e.started_at, s.taken_at
    from earlier as e
    join core.report_snapshots as s on s.run_id = e.run_id
    order by e.started_at desc, s.taken_at desc
    limit 1
),

final as (
    select
        p.run_id as previous_published_run_id,
        p.started_at as previous_published_started_at,
        s.run_id as snapshot_run_id,
        s.started_at as snapshot_started_at,
    from last_published as p
    full outer join last_snapshot as s on true
)

select * from final
