-- marts.refusals: one row per refusal or cut (a pledge with polarity negative): who refused or
-- withdrew what, from whom, the money held back (a cut of aid pledged before), the exceptions
-- attached ("only under a UN mandate") and how many articles report it.
create or replace table marts.refusals as
with refusals as (
    select * from core.pledges
    where polarity = 'negative'
),

conditions as (
    select
        l.pledge_id,
        list(distinct k.condition_text order by k.condition_text) as conditions,
    from core.pledge_commitments as l
    join core.commitment_conditions as k on k.commitment_id = l.commitment_id
    group by l.pledge_id
),

final as (
    select
        r.pledge_id,
        r.committers,
        r.recipient_actor_id,
        r.category,
        case when r.amount_value is not null then 'cut' else 'refusal' end as refusal_kind,
        r.modality,
        r.action,
        r.object,
        r.amount_value,
        r.amount_currency,
        r.amount_text,
        r.amount_usd,
        r.amount_eur,
        r.conversion_flag,
        r.is_amount_disputed,
        coalesce(k.conditions, []) as conditions,
        r.source_count,
        r.first_reported,
        r.last_reported,
        c.evidence_text,
        a.title as article_title,
        a.url as article_url,
        c.article_id,
        c.evidence_start,
        c.evidence_end,
    from refusals as r
    join core.commitments as c on c.commitment_id = r.counted_commitment_id
    join core.articles as a on a.article_id = c.article_id
    left join conditions as k on k.pledge_id = r.pledge_id
    -- corrections: a refusal whose counted clause is in a superseded article version is left out
    where c.article_id not in (select article_id from core.article_versions)
)

select * from final
order by first_reported desc nulls last, pledge_id;
