-- Every article and sentence behind one pledge: for each article reporting it, the clause that
-- states it and each later mention, with the character span into core.articles.body and the
-- figure that article gives. Set the pledge first:
--   set variable pledge_id = '...';
select
    l.pledge_id,
    s.commitment_id,
    s.evidence_role,
    s.article_id,
    s.article_title,
    s.article_url,
    coalesce(a.site_name, s.article_source) as article_source,
    s.published_at,
    c.amount_text,
    c.amount_usd,
    s.evidence_start,
    s.evidence_end,
    s.evidence_text,
    a.body[s.evidence_start + 1 : s.evidence_end] as body_slice,
from core.pledge_commitments as l
join marts.commitment_sources as s on s.commitment_id = l.commitment_id
join core.commitments as c on c.commitment_id = l.commitment_id
join core.articles as a on a.article_id = s.article_id
where l.pledge_id = getvariable('pledge_id')
order by s.published_at nulls last, s.article_id, s.evidence_role, s.evidence_start;
