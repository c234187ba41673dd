-- What did one person say, and where? Set the person first, e.g.
--   set variable person = 'person:friedrich merz';
select
    s.source_actor_id,
    s.source_text,
    s.cue_text,
    s.content_text,
    s.kind,
    a.title as article_title,
    a.published_at,
    s.article_id,
    s.content_start,
    s.content_end,
from core.statements as s
join core.articles as a on a.article_id = s.article_id
where s.source_actor_id = getvariable('person')
order by a.published_at desc nulls last, s.article_id, s.content_start;
