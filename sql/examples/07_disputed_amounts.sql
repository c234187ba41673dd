-- Where do the articles disagree on how much was pledged? One row per pledge whose reports give
-- different figures (marts.fct_pledges.is_amount_disputed), with every figure given and the one
-- counted (most sources, then the latest report). No parameters.
select
    array_to_string(committers, ', ') as committers,
    recipient_actor_id,
    category,
    amount_figures,
    amount_text as counted_figure,
    round(amount_min_usd) as min_usd,
    round(amount_max_usd) as max_usd,
    source_count,
    first_reported,
    last_reported,
    pledge_id,
from marts.fct_pledges
where is_amount_disputed
order by amount_max_usd desc nulls last, pledge_id;
