-- `pledgewatch export`: one catalogued table to a file. {table} is a quoted identifier taken
-- from sql/core/catalogue_tables.sql, {path} a quoted string literal, {options} one of the
-- fixed option lists in pipeline/export.py.
copy (select * from {table}) to {path} ({options});
