-- every byte string already recorded, with what it became (for same-bytes duplicates)
select
    raw_id,
    arg_min(input_id, recorded_at) as input_id,
    arg_min(outcome, recorded_at) as outcome,
    arg_min(article_id, recorded_at) as article_id,
    arg_min(reason, recorded_at) as reason,
from core.inputs
group by raw_id;
