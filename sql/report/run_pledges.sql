-- Pledges (marts.fct_pledges, one row per real-world undertaking) this run linked a commitment
-- to (grain: pledge): `is_new` when the run founded it (first reported in this run), else an
-- earlier pledge the run's articles reported again. The mart's columns (figure as written and
-- converted, `pledge_kind`, the package it is counted in, conditions, the evidence of the row
-- whose figure counts) plus what the report shows beside them: the committers' and recipient's
-- names, the package's figure, the article's date. Parameter: $run_id.
with
links as (
    select
        pledge_id,
        bool_or(match_rule = 'founded') as is_new,
        count(*) as commitments_this_run,
    from core.pledge_commitments
    where linked_run_id = $run_id
    group by pledge_id
),

pledges as (
    select f.*, l.is_new, l.commitments_this_run,
    from marts.fct_pledges as f
    join links as l on l.pledge_id = f.pledge_id
),

committer_names as (
    select x.pledge_id, list(coalesce(a.name, x.actor_id) order by x.actor_id) as committer_names,
    from (select pledge_id, unnest(committers) as actor_id from pledges) as x
    left join core.actors as a on a.actor_id = x.actor_id
    group by x.pledge_id
),

final as (
    select
        p.pledge_id,
        p.is_new,
        p.commitments_this_run,
        p.committers,
        n.committer_names,
        p.committer_count,
        p.committer_count > 1 or coalesce(p.basis = 'joint', false) as is_joint,
        p.recipient_actor_id,
        r.name as recipient_name,
        p.category,
        p.polarity,
        p.pledge_kind,
        p.modality,
        p.action,
        p.object,
        p.basis,
        p.amount_value,
        p.amount_currency,
        p.amount_text,
        p.amount_usd,
        p.amount_eur,
        p.conversion_flag,
        p.fx_rate_date,
        p.amount_figures,
        p.is_amount_disputed,
        p.part_of_pledge_id,
        p.part_of_committers,
        parent.object as part_of_object,
        parent.amount_value as part_of_amount_value,
        parent.amount_currency as part_of_amount_currency,
        p.is_in_own_package,
        p.is_in_other_total,
        p.source_count,
        p.first_reported,
        p.last_reported,
        p.article_ids,
        p.conditions,
        p.counted_commitment_id,
        p.counted_article_id as article_id,
        p.counted_article_title as article_title,
        p.counted_article_url as article_url,
        p.counted_article_source as article_source,
        a.published_at as article_published_at,
        p.evidence_start,
        p.evidence_end,
        p.evidence_text,
    from pledges as p
    join core.articles as a on a.article_id = p.counted_article_id
    left join core.pledges as parent on parent.pledge_id = p.part_of_pledge_id
    left join committer_names as n on n.pledge_id = p.pledge_id
    left join core.actors as r on r.actor_id = p.recipient_actor_id
)

select * from final
order by not is_new, amount_usd desc nulls last, first_reported nulls last, pledge_id
