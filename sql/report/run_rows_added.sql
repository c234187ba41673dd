-- Rows the publish of each of the runs $run_ids (a list) added per table (core.run_counts, kind
-- rows_added; grain: run and table). A run that did not publish has no rows here.
select run_id, name as table_name, n as rows_added
from core.run_counts
where kind = 'rows_added' and list_contains($run_ids::varchar[], run_id)
order by run_id, table_name;
