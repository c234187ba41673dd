-- a run ends: its status and timings (its counts: run_counts_clear.sql + run_counts_write.sql)
update core.runs
set finished_at = $finished_at,
    status = $status,
    stage_seconds = $stage_seconds,
    error = $error
where run_id = $run_id;
