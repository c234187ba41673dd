-- core.pledges recomputed from core.pledge_commitments (inside the publish transaction).
-- The figure that counts is the one most articles give, then the latest report's
-- (a later report usually corrects an earlier one), then the larger.
delete from core.pledges;

insert into core.pledges by name
with members as (
    select
        l.pledge_id,
        l.reported_on,
        c.*,
    from core.pledge_commitments as l
    join core.commitments as c on c.commitment_id = l.commitment_id
),

ranked as (
    select
        *,
        count(distinct article_id) over (
            partition by pledge_id, amount_value, amount_currency) as figure_articles,
    from members
),

counted as (
    select *
    from ranked
    qualify row_number() over (
        partition by pledge_id
        order by amount_value is not null desc, figure_articles desc, reported_on desc nulls last,
            amount_value desc nulls last, commitment_id) = 1
),

spread as (
    -- how far apart the articles' figures are, in each currency and in USD
    select
        pledge_id,
        max(hi / nullif(lo, 0)) as currency_spread,
    from (
        select pledge_id, amount_currency, max(amount_value) as hi, min(amount_value) as lo,
        from members
        where amount_value is not null
        group by all
    )
    group by pledge_id
),

parents as (
    -- the pledge each member's package / total row belongs to (the most named one)
    select
        m.pledge_id,
        mode(p.pledge_id) as part_of_pledge_id,
    from members as m
    join core.pledge_commitments as p on p.commitment_id = m.part_of_commitment_id
    where p.pledge_id <> m.pledge_id
    group by m.pledge_id
),

summary as (
    select
        pledge_id,
        list(distinct committer_actor_id order by committer_actor_id) as committers,
        count(distinct committer_actor_id) as committer_count,
        list(distinct upper(amount_currency) || ' ' || format('{:,.0f}', amount_value)
             order by upper(amount_currency) || ' ' || format('{:,.0f}', amount_value))
            filter (where amount_value is not null and amount_currency is not null)
            as amount_figures,
        min(amount_usd) as amount_min_usd,
        max(amount_usd) as amount_max_usd,
        count(distinct amount_currency) filter (where amount_value is not null) as currencies,
        count(distinct article_id) as source_count,
        count(*) as commitment_count,
        min(reported_on) as first_reported,
        max(reported_on) as last_reported,
        list(distinct article_id order by article_id) as article_ids,
    from members
    group by pledge_id
),

final as (
    select
        s.pledge_id,
        s.committers,
        s.committer_count,
        c.recipient_actor_id,
        c.category,
        c.polarity,
        c.modality,
        c.action,
        c.object,
        c.amount_basis as basis,
        c.amount_value,
        c.amount_currency,
        c.amount_text,
        c.amount_usd,
        c.amount_eur,
        c.conversion_flag,
        c.fx_rate_date,
        coalesce(s.amount_figures, []) as amount_figures,
        s.amount_min_usd,
        s.amount_max_usd,
        -- the articles disagree: two figures in one currency more than 1 % apart, or figures in
        -- different currencies more than 5 % apart in USD (each at its own article's rate)
        coalesce(d.currency_spread > 1.01, false)
            or (s.currencies > 1 and coalesce(s.amount_max_usd / nullif(s.amount_min_usd, 0) > 1.05,
                                              false)) as is_amount_disputed,
        p.part_of_pledge_id,
        s.source_count,
        s.commitment_count,
        s.first_reported,
        s.last_reported,
        s.article_ids,
        c.commitment_id as counted_commitment_id,
    from summary as s
    join counted as c on c.pledge_id = s.pledge_id
    left join spread as d on d.pledge_id = s.pledge_id
    left join parents as p on p.pledge_id = s.pledge_id
)

select * from final
order by pledge_id;
