-- publish: the articles this run's row-level checks set aside, recorded for good
-- (grain: run, article, expectation, value). $run_id is bound.
insert into core.quarantine by name
select * from staging.quarantine where run_id = $run_id;
