-- Corrections, inside the publish transaction after the merge: every article this run added
-- supersedes the current versions (not superseded yet, loaded by earlier runs) with the same
-- URL, or with the same doc_id from the same input location (a file rewritten in place, a JSON
-- record's own id; not a position in a feed or file), and different text (another
-- article_id: ids are content hashes). Grain: one row per superseded article. $run_id and
-- $superseded_at (naive UTC) are bound.
insert into core.article_versions by name
with fresh as (
    select article_id, url, source, doc_id
    from core.articles
    where run_id = $run_id
),

current_versions as (
    select a.article_id, a.url, a.source, a.doc_id
    from core.articles as a
    anti join core.article_versions as v on v.article_id = a.article_id
    where a.run_id <> $run_id
),

matched as (
    select o.article_id, f.article_id as superseded_by, 'url' as matched_on
    from current_versions as o
    join fresh as f on f.url = o.url and f.article_id <> o.article_id
    where nullif(trim(o.url), '') is not null
    union all
    select o.article_id, f.article_id as superseded_by, 'source+doc_id' as matched_on
    from current_versions as o
    join fresh as f
        on f.source = o.source and f.doc_id = o.doc_id and f.article_id <> o.article_id
    where nullif(trim(o.doc_id), '') is not null
        -- positional ids name a place, not an article: a feed's n-th entry (`feed#entry-n`),
        -- a JSON Lines file's n-th record without an id of its own (`<stem>-<n>`)
        and not contains(o.source, '#')
        and not (
            regexp_matches(lower(o.source), '\.jsonl?$')
            and regexp_full_match(o.doc_id, '.*-[0-9]+')
        )
),

final as (
    select
        article_id,
        min(superseded_by) as superseded_by,
        string_agg(distinct matched_on, ',' order by matched_on desc) as matched_on,
        $run_id as run_id,
        $superseded_at::timestamp as superseded_at,
    from matched
    group by article_id
)

select * from final;
