-- one run's row as a step reads it back (its state between steps). $run_id is bound.
select status, counts, stage_seconds, error, started_at
from core.runs
where run_id = $run_id;
