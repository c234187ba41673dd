-- Corrections: an article that arrives again under the same URL, or with the same id from the
-- same input location, with different text supersedes the version before it. Both versions
-- stay in core (history); the marts leave superseded versions out. Written by the publish
-- transaction (sql/core/supersede.sql). Grain: one row per superseded article version.
create table if not exists core.article_versions (
    article_id      varchar primary key,   -- the superseded (earlier) version
    superseded_by   varchar not null,      -- the article (version) that replaced it
    matched_on      varchar not null       -- url | source+doc_id (both: url,source+doc_id)
        check (matched_on in ('url', 'source+doc_id', 'url,source+doc_id')),
    run_id          varchar not null,      -- the run that published the new version
    superseded_at   timestamp not null
);
