-- The run's staged inputs by outcome (grain: outcome). $run_id is bound.
select outcome, count(*) as inputs
from staging.inputs
where run_id = $run_id
group by outcome;
