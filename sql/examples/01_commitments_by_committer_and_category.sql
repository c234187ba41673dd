-- Who committed to what kind of help, and how often (pledges vs. refusals and cuts)? Counted per
-- real-world pledge (marts.fct_pledges: one row however many articles report it); a joint
-- pledge counts on each of its committers' rows. No parameters.
select
    committer_actor_id,
    category,
    count(*) filter (where polarity = 'positive') as pledges,
    count(*) filter (where polarity = 'negative') as refusals,
    len(list_distinct(flatten(list(article_ids)))) as articles,
from (
    select unnest(committers) as committer_actor_id, category, polarity, article_ids,
    from marts.fct_pledges
)
group by all
order by pledges + refusals desc, committer_actor_id, category;
