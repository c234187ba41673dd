-- who ran a run: 'cli' (holds the warehouse lock for the whole run) or 'scheduler'
-- (Airflow: load, validate and publish are separate tasks). Added after the first release.
alter table core.runs add column if not exists runner varchar;
