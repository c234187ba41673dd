-- Whether core.runs still has the JSON column `counts` (warehouses from before migration 012,
-- and every DuckLake, which only ever adds columns): only then can the back-fill
-- (run_counts_backfill.sql) run, as DuckDB binds a missing column even in a dead branch.
select count(*) > 0
from duckdb_columns()
where database_name = current_database()
    and schema_name = 'core'
    and table_name = 'runs'
    and column_name = 'counts'
