-- A run's snapshot is replaced, not appended, when its report is written again (2/2: its rows).
delete from core.report_donor_totals where run_id = $run_id
