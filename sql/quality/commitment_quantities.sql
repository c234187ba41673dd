-- Suite `commitment_quantities`: one row per tested quantity, its commitment resolved; the span
-- is optional (both ends null: the amount was not found in the body) but checked when set.
final as (
    select
        q.quantity_id,
        q.commitment_id,
        q.article_id,
        q.quantity_index,
        q.value,
        q.unit,
        q.per,
        q.quantity_start,
        q.quantity_end,
        q.quantity_text,
        kc.commitment_id is not null as is_commitment_found,
        case
            when q.quantity_start is null and q.quantity_end is null then true
            else coalesce(
                q.quantity_start >= 0
                and q.quantity_end > q.quantity_start
                and q.quantity_end <= length(a.body)
                and substring(a.body, q.quantity_start + 1, q.quantity_end - q.quantity_start)
                    = q.quantity_text,
                false
            )
        end as is_span_ok,
        q.run_id,
    from tested_quantities as q
    left join known_articles as a on a.article_id = q.article_id
    left join known_commitments as kc on kc.commitment_id = q.commitment_id
)
select * from final
