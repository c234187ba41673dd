-- Which conditions does a country attach to its pledges? Set the country (ISO 3166-1 alpha-3,
-- lower case) first, e.g.
--   set variable country = 'deu';
select
    c.committer_actor_id,
    c.category,
    c.action,
    c.object,
    c.modality,
    k.condition_text,
    c.evidence_text,
    c.article_id,
    k.condition_start,
    k.condition_end,
from core.commitments as c
join core.commitment_conditions as k on k.commitment_id = c.commitment_id
where c.committer_actor_id = getvariable('country')
order by c.article_id, c.evidence_start, k.condition_index;
