-- Suite `sentences`: one row per tested sentence, with its article resolved and its span checked.
final as (
    select
        s.sentence_id,
        s.article_id,
        s.sentence_index,
        s.sentence_start,
        s.sentence_end,
        s.sentence_text,
        substring(a.body, s.sentence_start + 1, greatest(s.sentence_end - s.sentence_start, 0))
            as body_slice,
        a.article_id is not null as is_article_found,
        coalesce(
            s.sentence_start >= 0
            and s.sentence_end > s.sentence_start
            and s.sentence_end <= length(a.body)
            and substring(a.body, s.sentence_start + 1, s.sentence_end - s.sentence_start)
                = s.sentence_text,
            false
        ) as is_span_ok,
        s.run_id,
    from tested_sentences as s
    left join known_articles as a on a.article_id = s.article_id
)
select * from final
