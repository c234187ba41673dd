-- A core column its staging table lacks (sql/core/staging_missing_columns.sql): added without
-- constraints, as staging takes any row. {table}, {column}: quoted identifiers from the catalog;
-- {type}: the core column's type as DuckDB names it.
alter table staging.{table} add column if not exists {column} {type};
