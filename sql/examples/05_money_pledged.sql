-- How much money has each committer pledged, in US dollars and euros (ECB reference rate of each
-- article's date)? One row per committer and line (marts.pledges_by_committer):
--   own: its own pledges, each real-world pledge once however many articles report it, a part
--        never on top of its package; of_which_in_other_totals_usd is what a group's total
--        (a donors' conference total) also counts;
--   joint: whole sums shared with partners (not its share: do not add to own);
--   refused: refusals and cuts of money pledged before.
-- Amounts without an ECB rate are left out of the sums and listed in unconverted_amounts.
select
    committer_actor_id,
    committer_name,
    line,
    pledges,
    pledges_with_amount,
    round(amount_usd) as amount_usd,
    round(amount_eur) as amount_eur,
    round(of_which_in_other_totals_usd) as of_which_in_other_totals_usd,
    parts_in_own_packages,
    unconverted,
    unconverted_amounts,
    disputed_amounts,
    partners,
    articles,
from marts.pledges_by_committer
where pledges_with_amount > 0 or unconverted > 0 or line = 'refused'
order by line = 'refused', line = 'joint', amount_usd desc, committer_actor_id;
