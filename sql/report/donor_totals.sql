-- Per-donor totals now (marts.pledges_by_committer: own, joint and refused lines, each pledge
-- once) next to the same line in the snapshot of run $snapshot_run_id (null: no snapshot, every
-- change is null). Grain: (committer, line); a line only in the snapshot shows with zero now.
with
now_totals as (
    select committer_actor_id, committer_name, line, pledges, pledges_with_amount, amount_usd,
        amount_eur, unconverted,
    from marts.pledges_by_committer
),

before as (
    select committer_actor_id, committer_name, line, pledges, amount_usd, amount_eur,
    from core.report_donor_totals
    where run_id = $snapshot_run_id
),

final as (
    select
        coalesce(n.committer_actor_id, b.committer_actor_id) as committer_actor_id,
        coalesce(n.committer_name, b.committer_name) as committer_name,
        coalesce(n.line, b.line) as line,
        coalesce(n.pledges, 0) as pledges,
        coalesce(n.pledges_with_amount, 0) as pledges_with_amount,
        coalesce(n.amount_usd, 0) as amount_usd,
        coalesce(n.amount_eur, 0) as amount_eur,
        coalesce(n.unconverted, 0) as unconverted,
        case when $snapshot_run_id is not null then coalesce(b.pledges, 0) end as pledges_before,
        case when $snapshot_run_id is not null then coalesce(b.amount_usd, 0) end as amount_usd_before,
        case when $snapshot_run_id is not null then coalesce(b.amount_eur, 0) end as amount_eur_before,
        case when $snapshot_run_id is not null
            then coalesce(n.pledges, 0) - coalesce(b.pledges, 0) end as pledges_change,
        case when $snapshot_run_id is not null
            then coalesce(n.amount_usd, 0) - coalesce(b.amount_usd, 0) end as amount_usd_change,
        case when $snapshot_run_id is not null
            then coalesce(n.amount_eur, 0) - coalesce(b.amount_eur, 0) end as amount_eur_change,
        b.committer_actor_id is null and $snapshot_run_id is not null as is_new_line,
    from now_totals as n
    full outer join before as b
        on b.committer_actor_id = n.committer_actor_id and b.line = n.line
)

select * from final
order by line = 'refused', line = 'joint', amount_usd desc, pledges desc, committer_actor_id
