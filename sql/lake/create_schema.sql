-- {schema}: an identifier from sql/schema (never from data).
create schema if not exists {schema};
