-- Suite `actors`: one row per tested actor.
final as (
    select
        actor_id,
        actor_kind,
        name,
        country,
        actor_id = lower(actor_id) as is_id_lower_case,
        run_id,
    from tested_actors
)
select * from final
