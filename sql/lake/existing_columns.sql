-- The lake's schemas, tables and columns as they are (what init_lake_schema adds to).
select s.schema_name, c.table_name, c.column_name
from duckdb_schemas() as s
left join duckdb_columns() as c
    on c.database_name = s.database_name and c.schema_name = s.schema_name
where s.database_name = current_database() and not s.internal;
