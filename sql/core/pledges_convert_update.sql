-- the conversions computed for sql/core/pledges_unconverted.sql's rows (registered as _pw_fx)
update core.commitments as c
set amount_usd = v.amount_usd,
    amount_eur = v.amount_eur,
    fx_rate_usd = v.fx_rate_usd,
    fx_rate_eur = v.fx_rate_eur,
    fx_rate_date = v.fx_rate_date,
    fx_date = v.fx_date,
    fx_date_source = v.fx_date_source,
    fx_package = v.fx_package,
    conversion_flag = v.conversion_flag
from _pw_fx as v
where c.commitment_id = v.commitment_id;
