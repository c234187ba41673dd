-- marts.fct_pledges: one row per real-world pledge (core.pledges), however many articles
-- report it: its committer(s), figure in USD and EUR, whether the articles disagree on it, the
-- package or total it is counted in, its conditions and the clause of the row whose figure counts.
create or replace table marts.fct_pledges as
with pledges as (
    select * from core.pledges
),

conditions as (
    select
        l.pledge_id,
        list(distinct k.condition_text order by k.condition_text) as conditions,
    from core.pledge_commitments as l
    join core.commitment_conditions as k on k.commitment_id = l.commitment_id
    group by l.pledge_id
),

final as (
    select
        p.pledge_id,
        p.committers,
        p.committer_count,
        p.recipient_actor_id,
        p.category,
        p.polarity,
        -- a refusal without money, a cut or withdrawal of money pledged before, or a pledge
        case when p.polarity = 'negative' and p.amount_value is not null then 'cut'
            when p.polarity = 'negative' then 'refusal'
            else 'pledge' end as pledge_kind,
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
        p.amount_min_usd,
        p.amount_max_usd,
        p.is_amount_disputed,
        p.part_of_pledge_id,
        parent.committers as part_of_committers,
        -- counted in a package or total by the same committer(s) that has a figure: adding this
        -- pledge's money to its committer's total would count it twice
        coalesce(parent.committers = p.committers and parent.amount_value is not null, false)
            as is_in_own_package,
        -- counted in another committer's total (a donors' conference total): its own money,
        -- but that total counts it too
        coalesce(parent.committers <> p.committers and parent.amount_value is not null, false)
            as is_in_other_total,
        p.source_count,
        p.commitment_count,
        p.first_reported,
        p.last_reported,
        p.article_ids,
        coalesce(k.conditions, []) as conditions,
        p.counted_commitment_id,
        c.article_id as counted_article_id,
        a.title as counted_article_title,
        a.url as counted_article_url,
        coalesce(a.site_name, a.source) as counted_article_source,
        c.evidence_start,
        c.evidence_end,
        c.evidence_text,
    from pledges as p
    join core.commitments as c on c.commitment_id = p.counted_commitment_id
    join core.articles as a on a.article_id = c.article_id
    left join core.pledges as parent on parent.pledge_id = p.part_of_pledge_id
    left join conditions as k on k.pledge_id = p.pledge_id
    -- corrections: a pledge whose counted clause is in a superseded article version is left out
    where c.article_id not in (select article_id from core.article_versions)
)

select * from final
order by first_reported nulls last, pledge_id;
