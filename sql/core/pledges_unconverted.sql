-- commitments with an amount but no conversion yet (loaded before sql/schema/005): converted at
-- publish (pipeline/money/pledges.py), at the rate of the article's date, else the run's
select
    c.commitment_id,
    c.amount_value,
    c.amount_currency,
    a.published_at,
    c.run_id,
from core.commitments as c
join core.articles as a on a.article_id = c.article_id
where c.amount_value is not null
    and c.fx_package is null
    and c.conversion_flag is null
    and c.amount_currency is not null
order by c.commitment_id;
