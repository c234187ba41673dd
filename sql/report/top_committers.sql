-- Committers of the run's commitments, most commitments first (grain: actor). $limit rows.
counted as (
    select committer_actor_id as actor_id, count(*) as commitments,
        count(distinct article_id) as articles,
    from run_commitments
    group by committer_actor_id
),
final as (
    select c.actor_id, a.name, a.actor_kind, c.commitments, c.articles,
    from counted as c
    left join all_actors as a on a.actor_id = c.actor_id
    order by c.commitments desc, c.actor_id
    limit $limit
)
select * from final
