-- Suite `commitment_conditions`: one row per tested condition, its commitment resolved and its
-- span checked against the article body.
final as (
    select
        d.condition_id,
        d.commitment_id,
        d.article_id,
        d.condition_index,
        d.condition_start,
        d.condition_end,
        d.condition_text,
        substring(a.body, d.condition_start + 1, greatest(d.condition_end - d.condition_start, 0))
            as body_slice,
        kc.commitment_id is not null as is_commitment_found,
        coalesce(
            d.condition_start >= 0
            and d.condition_end > d.condition_start
            and d.condition_end <= length(a.body)
            and substring(a.body, d.condition_start + 1, d.condition_end - d.condition_start)
                = d.condition_text,
            false
        ) as is_span_ok,
        d.run_id,
    from tested_conditions as d
    left join known_articles as a on a.article_id = d.article_id
    left join known_commitments as kc on kc.commitment_id = d.commitment_id
)
select * from final
