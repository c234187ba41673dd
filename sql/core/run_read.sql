-- one run's row as a step reads it back (its state between steps; its counts: run_counts_read.sql).
-- $run_id is bound.
select status, stage_seconds, error, started_at
from core.runs
where run_id = $run_id;
