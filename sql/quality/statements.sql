-- Suite `statements`: one row per tested statement; every span checked against its article body.
-- A source span is optional (both ends null); cue, content and evidence spans are required.
-- confidence_score: the extraction's confidence, a missing one counted as 0 (low).
final as (
    select
        s.statement_id,
        s.article_id,
        s.statement_index,
        s.kind,
        s.source_actor_id,
        s.source_start,
        s.source_end,
        s.source_text,
        s.cue_start,
        s.cue_end,
        s.cue_text,
        s.content_start,
        s.content_end,
        s.content_text,
        s.evidence_start,
        s.evidence_end,
        a.article_id is not null as is_article_found,
        case
            when s.source_start is null and s.source_end is null then true
            else coalesce(
                s.source_start >= 0
                and s.source_end > s.source_start
                and s.source_end <= length(a.body)
                and substring(a.body, s.source_start + 1, s.source_end - s.source_start)
                    = s.source_text,
                false
            )
        end as is_source_span_ok,
        coalesce(
            s.cue_start >= 0
            and s.cue_end > s.cue_start
            and s.cue_end <= length(a.body)
            and substring(a.body, s.cue_start + 1, s.cue_end - s.cue_start) = s.cue_text,
            false
        ) as is_cue_span_ok,
        coalesce(
            s.content_start >= 0
            and s.content_end > s.content_start
            and s.content_end <= length(a.body)
            and substring(a.body, s.content_start + 1, s.content_end - s.content_start)
                = s.content_text,
            false
        ) as is_content_span_ok,
        coalesce(
            s.evidence_start >= 0
            and s.evidence_end > s.evidence_start
            and s.evidence_end <= length(a.body)
            and substring(a.body, s.evidence_start + 1, s.evidence_end - s.evidence_start)
                = s.evidence_text,
            false
        ) as is_evidence_span_ok,
        s.confidence,
        coalesce(s.confidence, 0.0) as confidence_score,
        s.run_id,
    from tested_statements as s
    left join known_articles as a on a.article_id = s.article_id
)
select * from final
