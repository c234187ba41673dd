-- marts.commitments_by_actor: one row per (committer, category, polarity).
create or replace table marts.commitments_by_actor as
with commitments as (
    select * from core.commitments
    where article_id not in (select article_id from core.article_versions)  -- superseded versions stay in core only
),

final as (
    select
        c.committer_actor_id,
        a.actor_kind as committer_kind,
        c.category,
        c.polarity,
        count(*) as commitment_count,
        count(distinct c.article_id) as article_count,
        count(distinct c.recipient_actor_id) as recipient_count,
    from commitments as c
    left join core.actors as a on a.actor_id = c.committer_actor_id
    group by all
)

select * from final
order by commitment_count desc, committer_actor_id, category, polarity;
