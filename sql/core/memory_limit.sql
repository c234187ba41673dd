-- cap DuckDB's buffer pool for this database. {limit} is validated by the code: digits and a
-- unit (e.g. 1GB) only.
set memory_limit = '{limit}';
