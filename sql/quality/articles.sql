-- Suite `articles`: one row per tested article. Meaning: the article's pledge signals (sentences
-- with a pledge verb near a sum of money, $pledge_signal_pattern) and its commitments; an
-- extracted article with $pledge_signal_min_sentences signals and no commitment lost its pledges.
signal_sentences as (
    select
        s.article_id,
        count(*) as signal_sentences,
        arg_min(s.sentence_start, s.sentence_index) as first_signal_start,
        arg_min(s.sentence_end, s.sentence_index) as first_signal_end,
        arg_min(s.sentence_text, s.sentence_index) as first_signal_text,
    from tested_sentences as s
    where regexp_matches(s.sentence_text, $pledge_signal_pattern)
    group by s.article_id
),
article_commitments as (
    select article_id, count(*) as commitments
    from tested_commitments
    group by article_id
),
final as (
    select
        a.article_id,
        a.raw_id,
        a.doc_id,
        a.title,
        a.source,
        coalesce(length(regexp_replace(a.body, '\s+', '', 'g')), 0) as body_chars,
        a.language,
        a.published_at,
        year(a.published_at) as published_year,
        round((epoch(a.published_at) - epoch(p.checked_at)) / 86400.0, 2) as published_days_ahead,
        a.is_extracted,
        coalesce(g.signal_sentences, 0) as signal_sentences,
        coalesce(k.commitments, 0) as commitments,
        g.first_signal_start,
        g.first_signal_end,
        g.first_signal_text,
        not coalesce(
            a.is_extracted
            and g.signal_sentences >= p.pledge_signal_min_sentences
            and coalesce(k.commitments, 0) = 0,
            false
        ) as is_pledge_signal_covered,
        a.run_id,
    from tested_articles as a
    cross join params as p
    left join signal_sentences as g on g.article_id = a.article_id
    left join article_commitments as k on k.article_id = a.article_id
)
select * from final
