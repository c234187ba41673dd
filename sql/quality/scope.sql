-- Prelude of every quality query: the suite's own query (sql/quality/<suite>.sql) is appended.
-- Parameters: $scope ('run': this run's staging rows; 'core': the core tables), $run_id,
-- $checked_at (the time of the check, for "not in the future"), and the meaning checks' thresholds
-- and word lists (pipeline/quality/meaning.py, from pipeline/resources/quality/): $confidence_min,
-- $pledge_signal_pattern, $pledge_signal_min_sentences, $outlet_names, $place_names, $each_pattern,
-- $package_tolerance, $amount_limits (JSON: actor kind -> {min, max} in USD).
-- tested_<table>: the rows under test. known_<table>: what a foreign key or a span may resolve
-- against (run: this run's staging rows, then core, e.g. an article an earlier run loaded;
-- core: core itself), one row per key.
with
params as (
    select
        $checked_at::timestamp as checked_at,
        $confidence_min::double as confidence_min,
        $pledge_signal_pattern::varchar as pledge_signal_pattern,
        $pledge_signal_min_sentences::integer as pledge_signal_min_sentences,
        $outlet_names::varchar[] as outlet_names,
        $place_names::varchar[] as place_names,
        $each_pattern::varchar as each_pattern,
        $package_tolerance::double as package_tolerance,
        $amount_limits::json as amount_limits,
),
tested_articles as (
    select * from staging.articles where $scope = 'run' and run_id = $run_id
    union all
    select * from core.articles where $scope = 'core'
),
known_articles as (
    select article_id, body
    from (
        select article_id, body, 0 as priority from tested_articles
        union all
        -- run scope: only the earlier articles this run's rows refer to, not every body in core
        select article_id, body, 1 as priority from core.articles
        where $scope = 'run'
            and article_id in (
                select article_id from staging.sentences where run_id = $run_id
                union
                select article_id from staging.statements where run_id = $run_id
                union
                select article_id from staging.commitments where run_id = $run_id
                union
                select article_id from staging.commitment_conditions where run_id = $run_id
                union
                select article_id from staging.commitment_quantities where run_id = $run_id
            )
    )
    where article_id is not null
    qualify row_number() over (partition by article_id order by priority) = 1
),
tested_sentences as (
    select * from staging.sentences where $scope = 'run' and run_id = $run_id
    union all
    select * from core.sentences where $scope = 'core'
),
tested_actors as (
    select * from staging.actors where $scope = 'run' and run_id = $run_id
    union all
    select * from core.actors where $scope = 'core'
),
known_actors as (
    select distinct actor_id
    from (
        select actor_id from tested_actors
        union all
        select actor_id from core.actors where $scope = 'run'
    )
    where actor_id is not null
),
tested_statements as (
    select * from staging.statements where $scope = 'run' and run_id = $run_id
    union all
    select * from core.statements where $scope = 'core'
),
known_statements as (
    select distinct statement_id
    from (
        select statement_id from tested_statements
        union all
        select statement_id from core.statements where $scope = 'run'
    )
    where statement_id is not null
),
tested_commitments as (
    select * from staging.commitments where $scope = 'run' and run_id = $run_id
    union all
    select * from core.commitments where $scope = 'core'
),
known_commitments as (
    select distinct commitment_id
    from (
        select commitment_id from tested_commitments
        union all
        select commitment_id from core.commitments where $scope = 'run'
    )
    where commitment_id is not null
),
tested_conditions as (
    select * from staging.commitment_conditions where $scope = 'run' and run_id = $run_id
    union all
    select * from core.commitment_conditions where $scope = 'core'
),
tested_quantities as (
    select * from staging.commitment_quantities where $scope = 'run' and run_id = $run_id
    union all
    select * from core.commitment_quantities where $scope = 'core'
),
