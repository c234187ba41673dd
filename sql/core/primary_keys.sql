-- the single-column primary key of every raw/core table: what publish merges on
select
    schema_name || '.' || table_name as table_ref,
    constraint_column_names[1] as key_column,
from duckdb_constraints()
where constraint_type = 'PRIMARY KEY'
    and schema_name in ('raw', 'core')
    and len(constraint_column_names) = 1
order by table_ref;
