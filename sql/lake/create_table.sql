-- A table of sql/schema in a DuckLake: its columns, types and not-null constraints (DuckLake
-- keeps no primary keys). {table} and {columns} come from the in-memory template.
create table if not exists {table} ({columns});
