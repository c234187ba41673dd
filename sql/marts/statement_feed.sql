-- marts.statement_feed: one row per statement, newest articles first.
create or replace table marts.statement_feed as
with statements as (
    select * from core.statements
    where article_id not in (select article_id from core.article_versions)  -- superseded versions stay in core only
),

final as (
    select
        s.statement_id,
        s.article_id,
        a.title as article_title,
        a.url as article_url,
        a.published_at,
        s.source_actor_id,
        s.source_country,
        s.source_text,
        s.cue_text,
        s.content_text,
        s.kind,
        s.via,
        s.evidence_start,
        s.evidence_end,
        s.evidence_text,
        s.rules_version,
    from statements as s
    join core.articles as a on a.article_id = s.article_id
)

select * from final
order by published_at desc nulls last, article_id, evidence_start;
