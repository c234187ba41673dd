-- the columns and types of one staging table (no rows), for typing its Arrow batches.
-- {staging} is a table name from the code's fixed list.
select * from {staging} limit 0;
