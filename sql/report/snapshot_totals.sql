-- Snapshot of the per-donor totals as this (published) run left them: marts.pledges_by_committer
-- is rebuilt by the publish, so it holds exactly this run's state. Parameter: $run_id.
insert into core.report_donor_totals (
    run_id, committer_actor_id, committer_name, line, pledges, pledges_with_amount, amount_usd,
    amount_eur, unconverted
)
select
    $run_id, committer_actor_id, committer_name, line, pledges, pledges_with_amount, amount_usd,
    amount_eur, unconverted,
from marts.pledges_by_committer
