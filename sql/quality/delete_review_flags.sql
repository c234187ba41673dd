-- A run's review flags are replaced, not appended, when it is validated again.
delete from core.review_flags where run_id = $run_id
