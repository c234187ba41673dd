-- A column sql/schema added to a table the lake already has (a migration).
alter table {table} add column if not exists {column} {type};
