-- Rows set aside by row-level checks (expectations/blocking.json `quarantine`): one row per
-- (run, article, failed expectation, value). The article's staged rows were not published;
-- its input's outcome in core.inputs is `quarantined`, its bytes stay in raw.documents.
create table if not exists core.quarantine (
    run_id          varchar not null,
    article_id      varchar not null,
    suite           varchar not null,   -- the GX suite (articles, statements, ...)
    expectation     varchar not null,   -- the expectation's meta.name
    value           varchar,            -- the value that failed, as text
    reason          varchar not null,   -- readable: suite.name: column = value (notes)
    quarantined_at  timestamp not null
);
-- a validated run's decision, kept between its validate and publish steps
create table if not exists staging.quarantine as select * from core.quarantine where false;
