-- every article already in core, with the input it was first loaded from
select
    article_id,
    arg_min(input_id, recorded_at) as input_id,
from core.inputs
where outcome = 'loaded'
group by article_id;
