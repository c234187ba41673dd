-- Suite `actors`: one row per tested actor. Meaning: a `person:` id whose name is an outlet
-- ($outlet_names, actors/media.tsv) or a place ($place_names: countries, capitals) is a misread.
final as (
    select
        t.actor_id,
        t.actor_kind,
        t.name,
        t.country,
        t.actor_id = lower(t.actor_id) as is_id_lower_case,
        case
            when lower(t.actor_id) like 'person:%'
                then trim(regexp_replace(lower(substring(t.actor_id, 8)), '[_\s-]+', ' ', 'g'))
        end as person_name,
        t.run_id,
    from tested_actors as t
)
select
    f.*,
    f.person_name is null
    or not (list_contains(p.outlet_names, f.person_name) or list_contains(p.place_names, f.person_name))
        as is_person_id_a_person,
from final as f
cross join params as p
