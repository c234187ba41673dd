-- marts.commitment_sources: one row per (commitment, piece of evidence): the clause
-- that states it and every later mention, each with its article and span.
create or replace table marts.commitment_sources as
with evidence as (
    select
        commitment_id,
        article_id,
        'evidence' as evidence_role,
        evidence_start,
        evidence_end,
        evidence_text,
    from core.commitments
    union all
    select
        commitment_id,
        article_id,
        'mention' as evidence_role,
        mention_start as evidence_start,
        mention_end as evidence_end,
        mention_text as evidence_text,
    from core.commitment_mentions
),

final as (
    select
        e.commitment_id,
        c.committer_actor_id,
        c.category,
        e.evidence_role,
        e.article_id,
        a.title as article_title,
        a.url as article_url,
        a.source as article_source,
        a.published_at,
        e.evidence_start,
        e.evidence_end,
        e.evidence_text,
    from evidence as e
    join core.commitments as c on c.commitment_id = e.commitment_id
    join core.articles as a on a.article_id = e.article_id
    -- corrections: a superseded article version stays in core, never in the marts
    where e.article_id not in (select article_id from core.article_versions)
)

select * from final
order by commitment_id, evidence_role, evidence_start;
