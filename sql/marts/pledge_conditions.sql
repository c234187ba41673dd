-- marts.pledge_conditions: one row per (pledge, condition): each condition attached to a pledge
-- or refusal ("if Russia engages in negotiations", "only under a UN mandate"), written the same
-- way (case and spacing aside) counted once however many articles repeat it.
create or replace table marts.pledge_conditions as
with conditions as (
    select
        l.pledge_id,
        k.article_id,
        k.condition_text,
        lower(trim(regexp_replace(k.condition_text, '\s+', ' ', 'g'))) as condition_key,
        k.condition_start,
        k.condition_end,
        k.commitment_id,
    from core.pledge_commitments as l
    join core.commitment_conditions as k on k.commitment_id = l.commitment_id
    where k.article_id not in (select article_id from core.article_versions)  -- superseded versions stay in core only
),

final as (
    select
        k.pledge_id,
        p.committers,
        p.recipient_actor_id,
        p.category,
        p.polarity,
        case when p.polarity = 'negative' and p.amount_value is not null then 'cut'
            when p.polarity = 'negative' then 'refusal'
            else 'pledge' end as pledge_kind,
        p.object,
        p.amount_usd,
        arg_min(k.condition_text, k.article_id || lpad(k.condition_start::varchar, 10, '0'))
            as condition_text,
        count(distinct k.article_id) as source_count,
        list(distinct k.article_id order by k.article_id) as article_ids,
        arg_min(k.article_id, k.article_id || lpad(k.condition_start::varchar, 10, '0'))
            as article_id,
        arg_min(k.condition_start, k.article_id || lpad(k.condition_start::varchar, 10, '0'))
            as condition_start,
        arg_min(k.condition_end, k.article_id || lpad(k.condition_start::varchar, 10, '0'))
            as condition_end,
    from conditions as k
    join core.pledges as p on p.pledge_id = k.pledge_id
    group by k.pledge_id, k.condition_key, p.committers, p.recipient_actor_id, p.category,
        p.polarity, p.amount_value, p.object, p.amount_usd
)

select * from final
order by pledge_id, article_id, condition_start;
