-- validate: the articles this run's row-level checks set aside, from the registered Arrow
-- table _pw_quarantine (columns of core.quarantine).
insert into staging.quarantine by name
select * from _pw_quarantine;
