-- Suite `commitments`: one row per tested commitment, with article, committer and statement
-- resolved and the evidence span checked against the article body; then its meaning: the amount
-- shared by several committers in one evidence span is marked joint (or "each"), a package's
-- parts add up to at most the package, the committer does not pledge and refuse the same thing in
-- one article (same category, recipient and object, or
-- no object and the same action), the amount is plausible for the committer's kind, and its confidence.
actor_kinds as (
    select actor_id, actor_kind
    from (
        select actor_id, actor_kind, 0 as priority from tested_actors
        union all
        select actor_id, actor_kind, 1 as priority from core.actors where $scope = 'run'
    )
    where actor_id is not null
    qualify row_number() over (partition by actor_id order by priority) = 1
),
-- several committers given one figure by one evidence span
shared_amounts as (
    select
        article_id,
        evidence_start,
        evidence_end,
        amount_value,
        amount_currency,
        count(distinct committer_actor_id) as committers_sharing,
    from tested_commitments
    where amount_value is not null
    group by all
),
-- the parts counted in a package; a joint sum shared by several parts counts once
parts as (
    select distinct
        part_of_commitment_id,
        evidence_start,
        evidence_end,
        amount_value,
        amount_currency,
        amount_usd,
        case when amount_basis = 'joint' then null else commitment_id end as own_row,
    from tested_commitments
    where part_of_commitment_id is not null and amount_value is not null
),
package_parts as (
    select
        part_of_commitment_id as commitment_id,
        count(*) as part_count,
        sum(amount_usd) as parts_usd,
        count(amount_usd) as parts_with_usd,
        list(distinct amount_currency) as part_currencies,
        sum(amount_value) as parts_value,
    from parts
    group by part_of_commitment_id
),
contradictions as (
    select distinct c.commitment_id
    from tested_commitments as c
    join tested_commitments as o
        on o.article_id = c.article_id
        and o.committer_actor_id = c.committer_actor_id
        and o.category = c.category
        and coalesce(o.recipient_actor_id, '') = coalesce(c.recipient_actor_id, '')
        and o.polarity <> c.polarity
        and o.commitment_id <> c.commitment_id
    where
        lower(trim(c.object)) = lower(trim(o.object))
        or (c.object is null and o.object is null and c.action is not distinct from o.action)
),
final as (
    select
        c.commitment_id,
        c.article_id,
        c.commitment_index,
        c.committer_actor_id,
        c.recipient_actor_id,
        c.category,
        c.action,
        c.object,
        c.modality,
        c.polarity,
        c.statement_id,
        c.evidence_start,
        c.evidence_end,
        c.evidence_text,
        substring(a.body, c.evidence_start + 1, greatest(c.evidence_end - c.evidence_start, 0))
            as body_slice,
        a.article_id is not null as is_article_found,
        ka.actor_id is not null as is_committer_found,
        c.statement_id is null or ks.statement_id is not null as is_statement_found,
        coalesce(
            c.evidence_start >= 0
            and c.evidence_end > c.evidence_start
            and c.evidence_end <= length(a.body)
            and substring(a.body, c.evidence_start + 1, c.evidence_end - c.evidence_start)
                = c.evidence_text,
            false
        ) as is_evidence_span_ok,
        c.amount_value,
        c.amount_currency,
        c.amount_basis,
        c.amount_text,
        c.amount_usd,
        c.part_of_commitment_id,
        coalesce(sh.committers_sharing, 0) as committers_sharing,
        not coalesce(
            sh.committers_sharing > 1
            and coalesce(c.amount_basis, '') <> 'joint'
            and not regexp_matches(coalesce(c.evidence_text, '') || ' ' || coalesce(c.amount_text, ''), $each_pattern),
            false
        ) as is_shared_amount_joint,
        coalesce(pp.part_count, 0) as part_count,
        pp.parts_usd,
        pp.parts_value,
        not coalesce(
            case
                when c.amount_usd is not null and pp.parts_with_usd = pp.part_count
                    then pp.parts_usd > c.amount_usd * (1 + p.package_tolerance)
                when pp.part_currencies = [c.amount_currency]
                    then pp.parts_value > c.amount_value * (1 + p.package_tolerance)
                else false
            end,
            false
        ) as is_within_package,
        cx.commitment_id is null as is_not_pledged_and_refused,
        coalesce(k.actor_kind, 'other') as committer_kind,
        coalesce(
            c.amount_usd between
                coalesce(json_extract(p.amount_limits, '$.' || coalesce(k.actor_kind, 'other') || '.min')::double, 0)
                and coalesce(
                    json_extract(p.amount_limits, '$.' || coalesce(k.actor_kind, 'other') || '.max')::double,
                    1e300
                ),
            true
        ) as is_amount_plausible,
        c.confidence,
        coalesce(c.confidence, 0.0) as confidence_score,
        c.run_id,
    from tested_commitments as c
    cross join params as p
    left join known_articles as a on a.article_id = c.article_id
    left join known_actors as ka on ka.actor_id = c.committer_actor_id
    left join known_statements as ks on ks.statement_id = c.statement_id
    left join actor_kinds as k on k.actor_id = c.committer_actor_id
    left join shared_amounts as sh
        on sh.article_id = c.article_id
        and sh.evidence_start = c.evidence_start
        and sh.evidence_end = c.evidence_end
        and sh.amount_value = c.amount_value
        and sh.amount_currency is not distinct from c.amount_currency
    left join package_parts as pp on pp.commitment_id = c.commitment_id
    left join contradictions as cx on cx.commitment_id = c.commitment_id
)
select * from final
