-- marts.pledges_by_committer: what each committer pledged, in money an analyst can add up.
-- One row per (committer, line):
--   own     its own pledges (positive, not a joint sum): amount_usd / amount_eur is its total;
--   joint   pledges of one sum shared with others (partners named): the whole sums, never to be
--           added to `own` (the committer's share is not known);
--   refused refusals and cuts (polarity negative): the money held back or withdrawn.
-- Each pledge once (core.pledges: one row per undertaking, however many articles report it);
-- a part of a package by the same committer(s) is not added on top of the package
-- (parts_in_own_packages counts them); a pledge also counted in another committer's total (a
-- donors' conference total) is in its own committer's total and in of_which_in_other_totals_usd.
-- Amounts without an ECB rate are not in the sums: `unconverted` counts them, `unconverted_amounts`
-- lists them as written. Do not add totals across committers: a group's total (`donors`)
-- contains its members' pledges.
create or replace table marts.pledges_by_committer as
with pledges as (
    select
        p.*,
        coalesce(parent.committers = p.committers and parent.amount_value is not null, false)
            as is_in_own_package,
        coalesce(parent.committers <> p.committers and parent.amount_value is not null, false)
            as is_in_other_total,
    from core.pledges as p
    left join core.pledges as parent on parent.pledge_id = p.part_of_pledge_id
    -- corrections: a pledge whose counted clause is in a superseded article version is left out
    where p.counted_commitment_id not in (
        select c.commitment_id
        from core.commitments as c
        semi join core.article_versions as v on v.article_id = c.article_id
    )
),

lines as (
    select
        unnest(committers) as committer_actor_id,
        case when polarity = 'negative' then 'refused'
            when committer_count > 1 or basis = 'joint' then 'joint'
            else 'own' end as line,
        *,
    from pledges
),

counted as (
    select
        *,
        not is_in_own_package as is_counted,
        amount_value is not null and amount_usd is null as is_unconverted,
        list_filter(committers, x -> x <> committer_actor_id) as partners,
    from lines
),

final as (
    select
        c.committer_actor_id,
        a.name as committer_name,
        a.actor_kind as committer_kind,
        c.line,
        count(*) filter (where c.is_counted) as pledges,
        count(c.amount_value) filter (where c.is_counted) as pledges_with_amount,
        coalesce(sum(c.amount_usd) filter (where c.is_counted), 0) as amount_usd,
        coalesce(sum(c.amount_eur) filter (where c.is_counted), 0) as amount_eur,
        coalesce(sum(c.amount_usd) filter (where c.is_counted and c.is_in_other_total), 0)
            as of_which_in_other_totals_usd,
        coalesce(sum(c.amount_eur) filter (where c.is_counted and c.is_in_other_total), 0)
            as of_which_in_other_totals_eur,
        count(*) filter (where not c.is_counted) as parts_in_own_packages,
        count(*) filter (where c.is_counted and c.is_unconverted) as unconverted,
        coalesce(list(distinct c.amount_currency || ' ' || format('{:,.0f}', c.amount_value)
                      || coalesce(' (' || c.conversion_flag || ')', ''))
                 filter (where c.is_counted and c.is_unconverted), []) as unconverted_amounts,
        count(*) filter (where c.is_counted and c.conversion_flag = 'rate_stale')
            as converted_at_stale_rate,
        count(*) filter (where c.is_counted and c.is_amount_disputed) as disputed_amounts,
        list_sort(list_distinct(flatten(list(c.partners)))) as partners,
        len(list_distinct(flatten(list(c.article_ids)))) as articles,
        min(c.first_reported) as first_reported,
        max(c.last_reported) as last_reported,
        list(c.pledge_id order by c.pledge_id) filter (where c.is_counted) as pledge_ids,
    from counted as c
    left join core.actors as a on a.actor_id = c.committer_actor_id
    group by all
)

select * from final
order by line = 'refused', amount_usd desc, committer_actor_id, line;
