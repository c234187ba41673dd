-- The type of the connection's default catalog: 'ducklake' when the warehouse is a DuckLake.
select type
from duckdb_databases()
where database_name = current_database();
