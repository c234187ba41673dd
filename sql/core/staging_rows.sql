-- every row of one staging table (a batch written out by a DAG's extraction task).
-- {staging} is a table name from the code's fixed list.
select * from {staging};
