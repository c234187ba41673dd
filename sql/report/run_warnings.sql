-- The run's warn-level results (grain: expectation): stored expectations that failed without
-- blocking the publish and without quarantining rows (core.quality_results; row-level checks
-- that set articles aside are in core/staging.quarantine). Whatever the suites hold: no list
-- of names here. sample_rows and observed_value are JSON text. Parameter: $run_id.
with
quarantined as (
    select distinct suite, expectation from core.quarantine where run_id = $run_id
    union
    select distinct suite, expectation from staging.quarantine where run_id = $run_id
),

final as (
    select
        q.suite,
        regexp_extract(q.expectation, '^[^.]*\.([^:]*):', 1) as name,
        q.expectation,
        q.column_name,
        q.observed_value,
        q.unexpected_count,
        q.sample_rows,
        q.checked_at,
    from core.quality_results as q
    where q.run_id = $run_id
        and not q.success
        and not q.is_blocking
        and not exists (
            select 1 from quarantined as k
            where k.suite = q.suite and starts_with(q.expectation, k.suite || '.' || k.expectation || ':')
        )
)

select * from final
order by suite, expectation
