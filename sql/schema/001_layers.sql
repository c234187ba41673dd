-- Warehouse layers. Idempotent: every statement may run on every start.
-- raw: inputs as received (append-only). staging: this run's parse + extraction, keyed by run_id.
-- core: the deduplicated model. marts: what analysts query, swapped in only after the checks pass.
-- Allowed values are CHECK constraints on core tables (staging has none: it takes any row, the
-- quality checks judge it). `{allowed:SUITE/NAME}` stands for the value_set of the expectation
-- meta.name NAME in expectations/SUITE.json, so the gate and the table share one list
-- (pipeline/warehouse/db.py `schema_sql` fills it in). DuckDB cannot add a constraint to an
-- existing table: warehouses created before a CHECK was written here do not have it, and the
-- quality suites still check those values on every run.
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists marts;

-- one row per distinct input byte string (grain: sha256 of the bytes)
create table if not exists raw.documents (
    raw_id        varchar primary key,   -- sha256 of content
    content       blob,                  -- the bytes as received (null when nothing could be read)
    size_bytes    bigint not null,
    source        varchar not null,      -- first place these bytes were seen
    source_kind   varchar not null,
    fetched_at    timestamp not null,
    run_id        varchar not null
);

-- one row per (input location, byte string): what happened to every input, exactly one outcome
create table if not exists core.inputs (
    input_id      varchar primary key,   -- stable_id(source, raw_id)
    raw_id        varchar not null,
    source        varchar not null,
    source_kind   varchar not null,
    doc_id        varchar,
    outcome       varchar not null check (outcome in ('loaded', 'duplicate', 'rejected', 'quarantined')),
    article_id    varchar,               -- the article this input became (loaded or duplicate)
    duplicate_of  varchar,               -- for duplicates: the input_id first loaded with that article
    reason        varchar,               -- for rejections (and duplicates: same bytes / same text)
    run_id        varchar not null,
    recorded_at   timestamp not null
);

create table if not exists core.runs (
    run_id         varchar primary key,
    started_at     timestamp not null,
    finished_at    timestamp,
    status         varchar not null
        check (status in ('running', 'published', 'failed', 'nothing_new', 'abandoned')),
    inputs         varchar,              -- what was asked for (paths, urls), as JSON
    rules_version  varchar,
    counts         varchar,              -- JSON of older runs: back-filled into core.run_counts (011), dropped by 012
    stage_seconds  varchar,              -- JSON: stage -> seconds
    error          varchar
);

create table if not exists core.articles (
    article_id        varchar primary key,
    raw_id            varchar not null,
    doc_id            varchar,
    source            varchar not null,
    url               varchar,
    title             varchar,
    body              varchar not null,
    author            varchar,
    published_at      timestamp,
    language          varchar,
    site_name         varchar,
    is_extracted      boolean not null,  -- false when extraction was skipped (e.g. not English)
    extraction_note   varchar,
    run_id            varchar not null
);

create table if not exists core.sentences (
    sentence_id      varchar primary key,
    article_id       varchar not null,
    sentence_index   integer not null,
    sentence_start   integer not null,
    sentence_end     integer not null,
    sentence_text    varchar not null,
    run_id           varchar not null
);

create table if not exists core.actors (
    actor_id      varchar primary key,   -- canonical id: iso3, eu, person:..., media:..., anon:...
    actor_kind    varchar not null check (actor_kind in ({allowed:actors/actor_kind_in_contract})),
    name          varchar,
    country       varchar,               -- iso3 a person or anon source acts for
    run_id        varchar not null
);

create table if not exists core.actor_mentions (
    mention_id     varchar primary key,
    article_id     varchar not null,
    actor_id       varchar not null,
    role           varchar not null check (role in ('source', 'committer', 'recipient', 'via')),
    mention_start  integer,
    mention_end    integer,
    mention_text   varchar,
    run_id         varchar not null
);

create table if not exists core.statements (
    statement_id      varchar primary key,
    article_id        varchar not null,
    statement_index   integer not null,  -- position in the article's extraction (commitments refer to it)
    source_actor_id   varchar,
    source_country    varchar,
    source_start      integer,
    source_end        integer,
    source_text       varchar,
    cue_start         integer not null,
    cue_end           integer not null,
    cue_text          varchar not null,
    content_start     integer not null,
    content_end       integer not null,
    content_text      varchar not null,
    kind              varchar not null check (kind in ({allowed:statements/kind_in_contract})),
    via               varchar[],
    evidence_start    integer not null,  -- the whole attribution: min..max of source, cue, content
    evidence_end      integer not null,
    evidence_text     varchar not null,
    rules_version     varchar not null,
    run_id            varchar not null
);

create table if not exists core.commitments (
    commitment_id       varchar primary key,
    article_id          varchar not null,
    commitment_index    integer not null,
    committer_actor_id  varchar not null,
    recipient_actor_id  varchar,
    category            varchar not null check (category in ({allowed:commitments/category_in_contract})),
    action              varchar,
    object              varchar,
    modality            varchar not null check (modality in ({allowed:commitments/modality_in_contract})),
    polarity            varchar not null check (polarity in ({allowed:commitments/polarity_in_contract})),
    statement_id        varchar,
    evidence_start      integer not null,
    evidence_end        integer not null,
    evidence_text       varchar not null,
    rules_version       varchar not null,
    run_id              varchar not null
);

create table if not exists core.commitment_conditions (
    condition_id      varchar primary key,
    commitment_id     varchar not null,
    article_id        varchar not null,
    condition_index   integer not null,
    condition_start   integer not null,
    condition_end     integer not null,
    condition_text    varchar not null,
    run_id            varchar not null
);

create table if not exists core.commitment_quantities (
    quantity_id       varchar primary key,
    commitment_id     varchar not null,
    article_id        varchar not null,
    quantity_index    integer not null,
    value             double,            -- null for vague amounts ("hundreds of")
    unit              varchar,           -- lower case; money as ISO 4217 code
    per               varchar,           -- e.g. year for "annually"
    is_money          boolean not null,  -- unit is an ISO 4217 currency code
    quantity_start    integer,           -- span of the quantity text in the body when found
    quantity_end      integer,
    quantity_text     varchar not null,
    run_id            varchar not null
);

create table if not exists core.commitment_mentions (
    mention_id        varchar primary key,
    commitment_id     varchar not null,
    article_id        varchar not null,
    mention_start     integer not null,
    mention_end       integer not null,
    mention_text      varchar not null,
    run_id            varchar not null
);

create table if not exists core.quality_results (
    run_id          varchar not null,
    suite           varchar not null,
    expectation     varchar not null,
    column_name     varchar,
    success         boolean not null,
    is_blocking     boolean not null,
    observed_value  varchar,
    unexpected_count bigint,
    sample_rows     varchar,             -- JSON list of failing rows (a few)
    checked_at      timestamp not null
);
