-- The writer lock of a DuckLake whose catalog is in PostgreSQL: a session advisory lock in the
-- catalog's database (1 when taken, 0 when another session holds it). {lock_class} is a
-- constant, {schema} the lake's metadata schema (checked to be an identifier).
select ok
from postgres_query(
    'pw_lock',
    'select pg_try_advisory_lock({lock_class}, hashtext(''pledgewatch:{schema}''))::int as ok'
);
