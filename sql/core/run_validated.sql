-- how many quality results a run has stored: publish refuses a run never validated. $run_id is bound.
select count(*) from core.quality_results where run_id = $run_id;
