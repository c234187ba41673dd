-- Conditions attached to the commitments this run linked to a pledge (grain: condition):
-- the pledge or refusal it qualifies, the condition as written, its article and span.
-- Parameter: $run_id.
with
final as (
    select
        l.pledge_id,
        p.committers,
        p.recipient_actor_id,
        p.category,
        case when p.polarity = 'negative' and p.amount_value is not null then 'cut'
            when p.polarity = 'negative' then 'refusal'
            else 'pledge' end as pledge_kind,
        p.object,
        p.amount_value,
        p.amount_currency,
        k.condition_text,
        k.article_id,
        k.condition_start,
        k.condition_end,
        a.title as article_title,
        a.url as article_url,
    from core.pledge_commitments as l
    join core.pledges as p on p.pledge_id = l.pledge_id
    join core.commitment_conditions as k on k.commitment_id = l.commitment_id
    join core.articles as a on a.article_id = k.article_id
    where l.linked_run_id = $run_id
)

select * from final
order by pledge_kind = 'pledge', pledge_id, article_id, condition_start
