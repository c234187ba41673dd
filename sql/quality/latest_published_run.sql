-- The newest published run (core scope volume check: it is compared with the runs before it).
select run_id, started_at, counts
from core.runs
where status = 'published' and counts is not null
order by started_at desc
limit 1
