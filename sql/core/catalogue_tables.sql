-- the tables `pledgewatch export` may write out: every core and mart table of the warehouse
-- (grain: one row per table). Names come from the catalogue, never from the command line.
select table_schema, table_name
from information_schema.tables
where table_catalog = current_database()
    and table_schema in ('core', 'marts')
order by table_schema, table_name;
