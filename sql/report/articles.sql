-- One row per article of the run: its statements and commitments (grain: article).
statement_counts as (
    select article_id, count(*) as statements from run_statements group by article_id
),
commitment_counts as (
    select article_id, count(*) as commitments from run_commitments group by article_id
),
final as (
    select
        a.article_id,
        a.title,
        a.source,
        a.language,
        a.published_at,
        a.is_extracted,
        a.extraction_note,
        coalesce(s.statements, 0) as statements,
        coalesce(c.commitments, 0) as commitments,
    from run_articles as a
    left join statement_counts as s on s.article_id = a.article_id
    left join commitment_counts as c on c.article_id = a.article_id
    order by commitments desc, statements desc, a.title, a.article_id
)
select * from final
