-- marts.review_queue: the statements and commitments an analyst should check first, one row per
-- row to check (kind `commitment` or `statement`), plus one row per extracted article whose
-- sentences pledge money but gave no commitment (kind `missed_pledge`, the first such sentence).
-- reasons: every reason the row is here: what the quality gate's meaning and confidence checks
-- found (core.review_flags, e.g. `low confidence`, `same amount to several committers, not marked
-- joint`, `actor id looks wrong ...` for the row's committer or source), `amount not converted:
-- <flag>` (the currency is unknown or has no rate) and `amount disputed across articles` (its
-- pledge's sources disagree, core.pledges). priority: the sum of the reasons' weights (flags:
-- the suite file's meta.review_priority; not converted 3, disputed 2) plus how far the
-- confidence is below 1 (a missing confidence counts as 0); rows are ranked by it.
create or replace table marts.review_queue as
with flags as (
    select row_kind, row_key, reason, max(priority) as weight,
    from core.review_flags
    group by all
),

actor_flags as (
    select row_key as actor_id, reason, weight from flags where row_kind = 'actor'
),

live_articles as (
    select * from core.articles
    where article_id not in (select article_id from core.article_versions)  -- superseded versions stay in core only
),

disputed as (
    select distinct l.commitment_id
    from core.pledge_commitments as l
    join core.pledges as p on p.pledge_id = l.pledge_id
    where p.is_amount_disputed
),

commitment_reasons as (
    select f.row_key as id, f.reason, f.weight from flags as f where f.row_kind = 'commitment'
    union all
    select c.commitment_id, a.reason, a.weight
    from core.commitments as c
    join actor_flags as a on a.actor_id = c.committer_actor_id
    union all
    select commitment_id, 'amount not converted: ' || coalesce(conversion_flag, 'currency unknown'), 3
    from core.commitments
    where amount_value is not null
        and (amount_currency is null or conversion_flag in ('currency_unknown', 'no_rate'))
    union all
    select commitment_id, 'amount disputed across articles', 2 from disputed
),

statement_reasons as (
    select f.row_key as id, f.reason, f.weight from flags as f where f.row_kind = 'statement'
    union all
    select s.statement_id, a.reason, a.weight
    from core.statements as s
    join actor_flags as a on a.actor_id = s.source_actor_id
),

candidates as (
    select
        'commitment' as kind,
        c.commitment_id as row_key,
        c.article_id,
        c.evidence_start as span_start,
        c.evidence_end as span_end,
        c.evidence_text,
        c.confidence,
        c.committer_actor_id as actor_id,
        c.category,
        c.amount_text,
        c.amount_usd,
        list(distinct r.reason order by r.reason) as reasons,
        sum(r.weight) as weight,
    from core.commitments as c
    join commitment_reasons as r on r.id = c.commitment_id
    group by all
    union all
    select
        'statement',
        s.statement_id,
        s.article_id,
        s.evidence_start,
        s.evidence_end,
        s.evidence_text,
        s.confidence,
        s.source_actor_id,
        null,
        null,
        null,
        list(distinct r.reason order by r.reason),
        sum(r.weight),
    from core.statements as s
    join statement_reasons as r on r.id = s.statement_id
    group by all
    union all
    select
        'missed_pledge',
        a.article_id,
        a.article_id,
        f.span_start,
        f.span_end,
        substring(a.body, f.span_start + 1, f.span_end - f.span_start),
        null,
        null,
        null,
        null,
        null,
        list(distinct f.reason order by f.reason),
        max(f.priority),
    from core.review_flags as f
    join core.articles as a on a.article_id = f.row_key
    where f.row_kind = 'article'
        and not exists (select 1 from core.commitments as c where c.article_id = a.article_id)
    group by all
),

sentences as (
    select
        x.kind,
        x.row_key,
        string_agg(s.sentence_text, ' ' order by s.sentence_index) as sentence_text,
    from candidates as x
    join core.sentences as s
        on s.article_id = x.article_id
        and s.sentence_start < x.span_end
        and s.sentence_end > x.span_start
    group by all
),

final as (
    select
        row_number() over (
            order by x.weight + 1 - coalesce(x.confidence, 0) desc, x.confidence nulls first,
                x.article_id, x.span_start, x.kind, x.row_key
        ) as review_rank,
        x.kind,
        x.row_key,
        x.article_id,
        a.title as article_title,
        a.url as article_url,
        a.published_at,
        x.span_start,
        x.span_end,
        x.evidence_text,
        coalesce(s.sentence_text, x.evidence_text) as sentence_text,
        x.confidence,
        x.actor_id,
        x.category,
        x.amount_text,
        x.amount_usd,
        x.reasons,
        len(x.reasons) as reason_count,
        round(x.weight + 1 - coalesce(x.confidence, 0), 3) as priority,
    from candidates as x
    join live_articles as a on a.article_id = x.article_id
    left join sentences as s on s.kind = x.kind and s.row_key = x.row_key
)

select * from final
order by review_rank;
