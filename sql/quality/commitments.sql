-- Suite `commitments`: one row per tested commitment, with article, committer and statement
-- resolved and the evidence span checked against the article body.
final as (
    select
        c.commitment_id,
        c.article_id,
        c.commitment_index,
        c.committer_actor_id,
        c.recipient_actor_id,
        c.category,
        c.modality,
        c.polarity,
        c.statement_id,
        c.evidence_start,
        c.evidence_end,
        c.evidence_text,
        substring(a.body, c.evidence_start + 1, greatest(c.evidence_end - c.evidence_start, 0))
            as body_slice,
        a.article_id is not null as is_article_found,
        ka.actor_id is not null as is_committer_found,
        c.statement_id is null or ks.statement_id is not null as is_statement_found,
        coalesce(
            c.evidence_start >= 0
            and c.evidence_end > c.evidence_start
            and c.evidence_end <= length(a.body)
            and substring(a.body, c.evidence_start + 1, c.evidence_end - c.evidence_start)
                = c.evidence_text,
            false
        ) as is_evidence_span_ok,
        c.run_id,
    from tested_commitments as c
    left join known_articles as a on a.article_id = c.article_id
    left join known_actors as ka on ka.actor_id = c.committer_actor_id
    left join known_statements as ks on ks.statement_id = c.statement_id
)
select * from final
