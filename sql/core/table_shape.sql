-- the columns and types of one table (no rows), for typing the Arrow table written into it.
-- {table} is a table name from the code's fixed list.
select * from {table} limit 0;
