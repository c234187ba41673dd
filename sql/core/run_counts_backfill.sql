-- Existing warehouses: the counts of runs recorded before core.run_counts existed, read from
-- their JSON in core.runs.counts ({"rows_added": {table: n}, "inputs": {outcome: n}, "files": n,
-- "superseded": n}; numbers at the top level other than files/superseded are rows added, the
-- shape the volume check also accepted). Only runs with no row in core.run_counts yet; values
-- that are not whole numbers are left out. Run by pipeline/warehouse/db.py `init_schema` on every
-- open, only while core.runs has the column (run_counts_json_exists.sql): on a DuckDB file just
-- before migration 012 drops it, so an old warehouse is back-filled once; on a DuckLake, which
-- keeps the column, on every open (runs written since have it null: nothing to add). Idempotent.
insert into core.run_counts (run_id, kind, name, n)
with
runs as (
    select run_id, case when json_valid(counts) then counts::json end as counts
    from core.runs
    where counts is not null
        and run_id not in (select distinct run_id from core.run_counts)
),
source as (
    select run_id, counts from runs where json_type(counts) = 'OBJECT'
),
nested as (
    select s.run_id, e.key as section, n.key as name, n.value as value
    from source as s, json_each(s.counts) as e, json_each(e.value) as n
    where e.key in ('rows_added', 'inputs') and json_type(e.value) = 'OBJECT'
),
top as (
    select s.run_id, case when e.key in ('files', 'superseded') then 'run' else 'rows_added' end as section,
        e.key as name, e.value as value
    from source as s, json_each(s.counts) as e
    where e.key not in ('rows_added', 'inputs')
),
final as (
    select run_id, section as kind, name, try_cast(value::varchar as bigint) as n
    from (select * from nested union all by name select * from top)
    where json_type(value) in ('UBIGINT', 'BIGINT')
)
select run_id, kind, name, n from final
qualify row_number() over (partition by run_id, kind, name order by n desc) = 1
