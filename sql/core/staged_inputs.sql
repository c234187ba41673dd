-- how many inputs a run has in staging
select count(*) from staging.inputs where run_id = $run_id;
