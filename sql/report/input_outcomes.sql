-- The run's inputs by outcome (grain: outcome).
final as (
    select outcome, count(*) as inputs from run_inputs group by outcome order by outcome
)
select * from final
