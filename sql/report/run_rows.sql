-- Prelude of the report queries (the query itself is appended): this run's rows, wherever they
-- are now. A published run's rows are in core (and still in staging until the next run clears
-- it); a failed run's rows only in staging. One row per key. Parameter: $run_id.
with
run_articles as (
    select * from (
        select * from staging.articles where run_id = $run_id
        union all
        select * from core.articles where run_id = $run_id
    )
    qualify row_number() over (partition by article_id) = 1
),
run_statements as (
    select * from (
        select * from staging.statements where run_id = $run_id
        union all
        select * from core.statements where run_id = $run_id
    )
    qualify row_number() over (partition by statement_id) = 1
),
run_commitments as (
    select * from (
        select * from staging.commitments where run_id = $run_id
        union all
        select * from core.commitments where run_id = $run_id
    )
    qualify row_number() over (partition by commitment_id) = 1
),
run_inputs as (
    select * from (
        select * from staging.inputs where run_id = $run_id
        union all
        select * from core.inputs where run_id = $run_id
    )
    qualify row_number() over (partition by input_id) = 1
),
all_actors as (
    select actor_id, any_value(name) as name, any_value(actor_kind) as actor_kind
    from (
        select actor_id, name, actor_kind from core.actors
        union all
        select actor_id, name, actor_kind from staging.actors
    )
    group by actor_id
),
