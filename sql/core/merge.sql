-- publish: this run's staged rows of one table into its core (or raw) table.
-- Grain: one row per primary key. Keys are content hashes, so rows already
-- there are left as they are (idempotent re-runs, no duplicates).
-- {target}, {staging} and {key} are identifiers filled in from the schema's
-- primary keys (never from data); $run_id is a bound parameter.
insert into {target} by name
with source as (
    select * exclude (rn)
    from (
        select
            *,
            row_number() over (partition by {key} order by {key}) as rn,
        from {staging}
        where run_id = $run_id
    )
    where rn = 1
),

final as (
    select s.*
    from source as s
    anti join {target} as t on t.{key} = s.{key}
)

select * from final;
