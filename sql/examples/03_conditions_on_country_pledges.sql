-- Which conditions does a country attach to its pledges (and the exceptions to its refusals)?
-- Each condition once per pledge, however many articles repeat it. Set the country (ISO 3166-1
-- alpha-3, lower case) first, e.g.
--   set variable country = 'deu';
select
    getvariable('country') as committer_actor_id,
    c.category,
    c.pledge_kind,
    c.object,
    c.condition_text,
    c.source_count,
    c.committers,
    c.pledge_id,
    c.article_id,
    c.condition_start,
    c.condition_end,
from marts.pledge_conditions as c
where list_contains(c.committers, getvariable('country'))
order by c.pledge_id, c.article_id, c.condition_start;
