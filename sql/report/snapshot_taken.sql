-- Marks run $run_id's snapshot as taken (also when it holds no donor line).
insert into core.report_snapshots (run_id, donor_lines, taken_at)
select $run_id, count(*), now()::timestamp
from core.report_donor_totals
where run_id = $run_id
