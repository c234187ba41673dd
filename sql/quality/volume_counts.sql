-- Rows the publish of each of the runs $run_ids (a list) added to each of the watched tables
-- $tables (a list), from core.run_counts (kind rows_added; grain: run and table). A table a run
-- has no count for has no row.
select run_id, name as table_name, n as rows_added
from core.run_counts
where kind = 'rows_added'
    and list_contains($run_ids::varchar[], run_id)
    and list_contains($tables::varchar[], name)
order by run_id, table_name
