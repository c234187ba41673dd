-- Every article and sentence behind one commitment: the clause that states it and each
-- later mention, with the character span into core.articles.body. Set the commitment first:
--   set variable commitment_id = '...';
select
    s.commitment_id,
    s.evidence_role,
    s.article_id,
    s.article_title,
    s.article_url,
    s.article_source,
    s.published_at,
    s.evidence_start,
    s.evidence_end,
    s.evidence_text,
    a.body[s.evidence_start + 1 : s.evidence_end] as body_slice,
from marts.commitment_sources as s
join core.articles as a on a.article_id = s.article_id
where s.commitment_id = getvariable('commitment_id')
order by s.evidence_role, s.evidence_start;
