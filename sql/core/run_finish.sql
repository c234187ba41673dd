-- a run ends: its status, counts and timings
update core.runs
set finished_at = $finished_at,
    status = $status,
    counts = $counts,
    stage_seconds = $stage_seconds,
    error = $error
where run_id = $run_id;
