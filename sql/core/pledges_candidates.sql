-- the pledges new commitments may join: per pledge its signature, dates, articles and figures
with members as (
    select
        l.pledge_id,
        l.article_id,
        l.reported_on,
        c.committer_actor_id,
        c.recipient_actor_id,
        c.category,
        c.polarity,
        c.object,
        c.amount_value,
        c.amount_currency,
        c.amount_usd,
    from core.pledge_commitments as l
    join core.commitments as c on c.commitment_id = l.commitment_id
)

select
    pledge_id,
    list(distinct committer_actor_id order by committer_actor_id) as committers,
    any_value(recipient_actor_id) as recipient_actor_id,
    any_value(category) as category,
    any_value(polarity) as polarity,
    min(reported_on) as first_reported,
    max(reported_on) as last_reported,
    list(distinct article_id) as article_ids,
    list(distinct object) filter (where object is not null) as objects,
    list(distinct {'value': amount_value, 'currency': amount_currency, 'usd': amount_usd})
        filter (where amount_value is not null) as figures,
from members
group by pledge_id
order by pledge_id;
