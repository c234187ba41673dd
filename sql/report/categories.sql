-- The run's commitments by category (grain: category), with negative (refusal) counts.
final as (
    select
        category,
        count(*) as commitments,
        count(*) filter (where polarity = 'negative') as negative,
    from run_commitments
    group by category
    order by commitments desc, category
)
select * from final
