-- validate: a run validated again replaces its quarantine decision. $run_id is bound.
delete from staging.quarantine where run_id = $run_id;
