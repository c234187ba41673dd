-- Every article row behind the pledges this run linked a commitment to (grain: commitment):
-- the article (title, URL, date), the evidence span and sentence, and whether this run linked
-- it. Parameter: $run_id.
with
pledge_ids as (
    select distinct pledge_id from core.pledge_commitments where linked_run_id = $run_id
),

final as (
    select
        l.pledge_id,
        l.commitment_id,
        l.linked_run_id = $run_id as is_this_run,
        l.match_rule,
        l.reported_on,
        c.article_id,
        a.title as article_title,
        a.url as article_url,
        coalesce(a.site_name, a.source) as article_source,
        c.evidence_start,
        c.evidence_end,
        c.evidence_text,
        c.amount_text,
    from core.pledge_commitments as l
    join pledge_ids as i on i.pledge_id = l.pledge_id
    join core.commitments as c on c.commitment_id = l.commitment_id
    join core.articles as a on a.article_id = c.article_id
)

select * from final
order by pledge_id, reported_on nulls last, article_id, evidence_start
