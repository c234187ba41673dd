-- The newest published run that counted rows added (core.run_counts, kind rows_added): the core
-- scope volume check compares it with the runs before it.
with
counted as (
    select distinct run_id from core.run_counts where kind = 'rows_added'
)
select r.run_id, r.started_at
from core.runs as r
semi join counted as c on c.run_id = r.run_id
where r.status = 'published'
order by r.started_at desc, r.run_id
limit 1
