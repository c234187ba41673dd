-- new links (registered as _pw_links by pipeline/money/pledges.py)
insert into core.pledge_commitments by name
select * from _pw_links;
