-- Who committed to what kind of help, and how often (positive vs. refusals)?
-- No parameters.
select
    committer_actor_id,
    category,
    count(*) filter (where polarity = 'positive') as pledges,
    count(*) filter (where polarity = 'negative') as refusals,
    count(distinct article_id) as articles,
from core.commitments
group by all
order by pledges + refusals desc, committer_actor_id, category;
