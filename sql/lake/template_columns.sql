-- Every column of every table sql/schema/*.sql creates, in table order (run on the in-memory
-- template of a DuckLake warehouse, whose tables are made from it without constraints).
select schema_name, table_name, column_name, data_type, is_nullable
from duckdb_columns()
where database_name = current_database() and not internal
order by schema_name, table_name, column_index;
