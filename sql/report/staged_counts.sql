-- Rows each staging table holds for the run (grain: table): what the run extracted, whether or
-- not it was published. Parameter: $run_id.
select 'inputs' as table_name, count(*) as staged_rows from staging.inputs where run_id = $run_id
union all select 'documents', count(*) from staging.documents where run_id = $run_id
union all select 'articles', count(*) from staging.articles where run_id = $run_id
union all select 'sentences', count(*) from staging.sentences where run_id = $run_id
union all select 'actors', count(*) from staging.actors where run_id = $run_id
union all select 'actor_mentions', count(*) from staging.actor_mentions where run_id = $run_id
union all select 'statements', count(*) from staging.statements where run_id = $run_id
union all select 'commitments', count(*) from staging.commitments where run_id = $run_id
union all select 'commitment_conditions', count(*) from staging.commitment_conditions where run_id = $run_id
union all select 'commitment_quantities', count(*) from staging.commitment_quantities where run_id = $run_id
union all select 'commitment_mentions', count(*) from staging.commitment_mentions where run_id = $run_id
