-- Rows in each core table now (grain: table). Names are the staging table names the run stage
-- reports its counts under.
select 'inputs' as table_name, count(*) as total_rows from core.inputs
union all select 'documents', count(*) from raw.documents
union all select 'articles', count(*) from core.articles
union all select 'sentences', count(*) from core.sentences
union all select 'actors', count(*) from core.actors
union all select 'actor_mentions', count(*) from core.actor_mentions
union all select 'statements', count(*) from core.statements
union all select 'commitments', count(*) from core.commitments
union all select 'commitment_conditions', count(*) from core.commitment_conditions
union all select 'commitment_quantities', count(*) from core.commitment_quantities
union all select 'commitment_mentions', count(*) from core.commitment_mentions
