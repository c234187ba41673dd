-- Who refused what, or cut money pledged before, and with which exceptions? One row per refusal
-- or cut (marts.refusals), newest first. No parameters.
select
    array_to_string(committers, ', ') as committers,
    recipient_actor_id,
    category,
    refusal_kind,
    object,
    amount_text,
    round(amount_usd) as amount_usd,
    conditions,
    source_count,
    evidence_text,
    article_id,
from marts.refusals
order by first_reported desc nulls last, pledge_id;
