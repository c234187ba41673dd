-- A run's stored results are replaced, not appended, when it is validated again.
delete from core.quality_results where run_id = $run_id
