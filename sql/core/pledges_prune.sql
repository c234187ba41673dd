-- links whose commitment is no longer in core (none today: core rows are never deleted), or
-- belongs to a superseded article version (core.article_versions): a corrected article's
-- pledges are re-counted from its new version, the old one's links leave
delete from core.pledge_commitments
where commitment_id not in (select commitment_id from core.commitments)
   or commitment_id in (
       select c.commitment_id
       from core.commitments as c
       join core.article_versions as v on v.article_id = c.article_id
   );
