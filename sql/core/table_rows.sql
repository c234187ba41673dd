-- rows in one table. {table} is a quoted identifier from the catalogue or the code's fixed list.
select count(*) from {table};
