-- commitments not in a pledge yet, oldest report first (the order they are matched in);
-- a superseded article version's commitments are never linked
select
    c.commitment_id,
    c.article_id,
    c.commitment_index,
    c.committer_actor_id,
    c.recipient_actor_id,
    c.category,
    c.polarity,
    c.object,
    c.amount_value,
    c.amount_currency,
    c.amount_basis,
    c.amount_usd,
    c.evidence_start,
    c.evidence_end,
    coalesce(cast(a.published_at as date), cast(r.started_at as date), c.fx_date) as reported_on,
from core.commitments as c
join core.articles as a on a.article_id = c.article_id
left join core.runs as r on r.run_id = c.run_id
anti join core.pledge_commitments as l on l.commitment_id = c.commitment_id
anti join core.article_versions as v on v.article_id = c.article_id
order by reported_on nulls last, c.article_id, c.commitment_index, c.commitment_id;
