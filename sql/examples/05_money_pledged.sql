-- How much money has each committer pledged, per currency (one row per undertaking is
-- counted once: an itemised package is one commitment with its quantities)?
select
    c.committer_actor_id,
    q.unit as currency,
    sum(q.value) as amount,
    count(distinct c.commitment_id) as commitments,
from core.commitments as c
join core.commitment_quantities as q on q.commitment_id = c.commitment_id
where c.polarity = 'positive'
    and q.value is not null
    and q.per is null
    and q.is_money
group by all
order by amount desc;
