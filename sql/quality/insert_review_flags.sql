-- Every review row of a validation (pipeline/quality/store.py registers them as _pw_review_flags).
insert into core.review_flags by name
select run_id, suite, expectation, reason, priority, row_kind, row_key, article_id, span_start, span_end, checked_at
from _pw_review_flags
