-- The run's inputs that did not load (grain: input): duplicates and rejections with reasons.
-- Also returns loaded ones when $include_loaded; at most $limit rows.
final as (
    select input_id, source, source_kind, doc_id, outcome, article_id, duplicate_of, reason,
    from run_inputs
    where outcome <> 'loaded' or $include_loaded
    order by case outcome when 'rejected' then 0 when 'duplicate' then 1 else 2 end, source
    limit $limit
)
select * from final
