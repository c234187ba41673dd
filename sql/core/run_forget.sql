-- a retried scheduler step replaces its own run's row
delete from core.runs where run_id = $run_id;
