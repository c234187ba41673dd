-- The columns a staging table lacks that its core table has (staging.documents follows
-- raw.documents), in the core table's column order, with their types: pipeline/warehouse/db.py
-- `init_schema` adds them after the migrations, so staging follows core by construction and a
-- migration that adds a column to a core table need not repeat it for staging.
with
columns as materialized (
    select schema_name, table_name, column_name, data_type, column_index
    from duckdb_columns()
    where database_name = current_database() and schema_name in ('raw', 'core', 'staging')
),
staging as (
    select table_name, column_name from columns where schema_name = 'staging'
),
source as (
    select c.table_name, c.column_name, c.data_type, c.column_index
    from columns as c
    where c.schema_name = case when c.table_name = 'documents' then 'raw' else 'core' end
        and c.table_name in (select table_name from staging)
)
select s.table_name, s.column_name, s.data_type
from source as s
where not exists (
    select 1 from staging as h where h.table_name = s.table_name and h.column_name = s.column_name
)
order by s.table_name, s.column_index;
