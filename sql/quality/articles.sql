-- Suite `articles`: one row per tested article.
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
        a.run_id,
    from tested_articles as a
    cross join params as p
)
select * from final
