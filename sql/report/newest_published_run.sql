-- The newest published run: only its report may snapshot the per-donor totals (the marts hold
-- its state; a report written again for an older run would snapshot a later state).
select run_id from core.runs where status = 'published' order by started_at desc limit 1
