-- A run's snapshot is replaced, not appended, when its report is written again (1/2: the run).
delete from core.report_snapshots where run_id = $run_id
