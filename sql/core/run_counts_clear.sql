-- a run's counts are about to be written again (every step writes all it knows), or its run row
-- is forgotten (a retried scheduler step). $run_id is bound.
delete from core.run_counts where run_id = $run_id;
