-- Whether marts.pledges_by_committer exists (it is made by the first publish).
select count(*) > 0 as mart_exists
from duckdb_tables()
where database_name = current_database()
    and schema_name = 'marts'
    and table_name = 'pledges_by_committer'
