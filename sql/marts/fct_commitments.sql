-- marts.fct_commitments: one row per commitment, with its article, quantities,
-- conditions and the statement that reports it. Evidence span into core.articles.body.
create or replace table marts.fct_commitments as
with commitments as (
    select * from core.commitments
    where article_id not in (select article_id from core.article_versions)  -- superseded versions stay in core only
),

quantities as (
    select
        commitment_id,
        list({'value': value, 'unit': unit, 'per': per, 'text': quantity_text}
             order by quantity_index) as quantities,
        -- money total only when the commitment names a single currency (no silent mixing)
        case when count(distinct unit) filter (where is_money and per is null) = 1
            then sum(value) filter (where is_money and per is null) end as money_value,
        case when count(distinct unit) filter (where is_money and per is null) = 1
            then any_value(unit) filter (where is_money and per is null) end as money_unit,
    from core.commitment_quantities
    group by commitment_id
),

conditions as (
    select
        commitment_id,
        list(condition_text order by condition_index) as conditions,
    from core.commitment_conditions
    group by commitment_id
),

final as (
    select
        c.commitment_id,
        c.article_id,
        a.title as article_title,
        a.url as article_url,
        a.source as article_source,
        a.published_at,
        c.committer_actor_id,
        c.recipient_actor_id,
        c.category,
        c.action,
        c.object,
        c.modality,
        c.polarity,
        coalesce(q.quantities, []) as quantities,
        q.money_value,
        q.money_unit,
        coalesce(k.conditions, []) as conditions,
        coalesce(len(k.conditions), 0) as condition_count,
        s.source_actor_id as reported_by_actor_id,
        s.source_text as reported_by_text,
        c.evidence_start,
        c.evidence_end,
        c.evidence_text,
        c.rules_version,
    from commitments as c
    join core.articles as a on a.article_id = c.article_id
    left join quantities as q on q.commitment_id = c.commitment_id
    left join conditions as k on k.commitment_id = c.commitment_id
    left join core.statements as s on s.statement_id = c.statement_id
)

select * from final;
