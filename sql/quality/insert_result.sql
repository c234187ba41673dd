insert into core.quality_results (
    run_id, suite, expectation, column_name, success, is_blocking, observed_value,
    unexpected_count, sample_rows, checked_at
)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
