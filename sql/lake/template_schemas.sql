-- The schemas sql/schema/*.sql creates (run on the in-memory template of a DuckLake warehouse).
select schema_name
from duckdb_schemas()
where database_name = current_database() and not internal
order by schema_name;
