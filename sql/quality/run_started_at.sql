-- When the run under test started (null when core.runs has no row for it yet).
select started_at from core.runs where run_id = $run_id
