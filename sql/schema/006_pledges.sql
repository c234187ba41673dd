-- Real-world pledges: one row per undertaking, however many articles report it. Built in the
-- publish transaction (pipeline/money/pledges.py) from core.commitments; the link table is what
-- persists, core.pledges is recomputed from it at every publish (sql/core/pledges_refresh.sql).
-- Not staged: a pledge is a fact about the published rows of every run, so staging has no copy.

-- one row per commitment row (of any article) and the pledge it reports
create table if not exists core.pledge_commitments (
    commitment_id       varchar primary key,
    pledge_id           varchar not null,   -- stable_id('pledge', the founding commitment ids)
    article_id          varchar not null,
    committer_actor_id  varchar not null,
    reported_on         date,               -- the article's date, else the date of the run that loaded it
    match_rule          varchar not null    -- founded | matched (joined an existing pledge)
        check (match_rule in ('founded', 'matched')),
    linked_run_id       varchar not null    -- the publish that linked it
);

-- one row per pledge (key pledge_id, unique by construction; no constraint because the table
-- is rewritten inside the publish transaction)
create table if not exists core.pledges (
    pledge_id             varchar not null,
    committers            varchar[] not null,  -- sorted actor ids; several: a joint pledge
    committer_count       integer not null,
    recipient_actor_id    varchar,
    category              varchar not null,
    polarity              varchar not null     -- positive | negative (refusals and cuts)
        check (polarity in ({allowed:commitments/polarity_in_contract})),
    modality              varchar,             -- of the commitment whose figure counts
    action                varchar,
    object                varchar,
    basis                 varchar,             -- own | joint | null (no amount reported)
    amount_value          double,              -- the figure that counts: most sources, then latest
    amount_currency       varchar,
    amount_text           varchar,
    amount_usd            double,
    amount_eur            double,
    conversion_flag       varchar,             -- of that figure (pipeline/money/convert.py)
    fx_rate_date          date,
    amount_figures        varchar[],           -- every distinct figure the articles give
    amount_min_usd        double,
    amount_max_usd        double,
    is_amount_disputed    boolean not null,    -- the articles disagree on the amount
    part_of_pledge_id     varchar,             -- the package / total this pledge is counted in
    source_count          integer not null,    -- distinct articles reporting it
    commitment_count      integer not null,
    first_reported        date,
    last_reported         date,
    article_ids           varchar[] not null,
    counted_commitment_id varchar not null     -- the row whose figure counts (its evidence)
);
