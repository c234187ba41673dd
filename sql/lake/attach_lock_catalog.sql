-- the PostgreSQL catalog, attached on its own connection to hold the writer's advisory lock.
-- {conninfo} is a quoted string literal.
attach {conninfo} as pw_lock (type postgres);
