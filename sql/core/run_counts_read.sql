-- one run's counts as a step reads them back (kind, name, n). $run_id is bound.
select kind, name, n
from core.run_counts
where run_id = $run_id
order by kind, name;
