-- staging: append an Arrow batch (registered as _pw_batch) to one staging table, by column name.
-- {staging} is a table name from the code's fixed list.
insert into {staging} by name
select * from _pw_batch;
