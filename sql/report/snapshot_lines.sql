-- Donor lines in run $run_id's snapshot (null: the run kept none).
select donor_lines from core.report_snapshots where run_id = $run_id
