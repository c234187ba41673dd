-- publish: the inputs whose article was quarantined get that outcome and the reasons.
update staging.inputs as i
set outcome = 'quarantined', reason = q.reason
from (
    select article_id, 'quarantined: ' || string_agg(reason, '; ' order by reason) as reason
    from staging.quarantine
    where run_id = $run_id
    group by article_id
) as q
where i.run_id = $run_id
    and i.article_id = q.article_id
    and i.outcome = 'loaded';
