-- staging: this run's rows, same columns as core (each carries run_id), no keys enforced:
-- a run writes here, the checks read here, publish merges into core. No constraints either (a
-- create-as-select copies none): a row the checks set aside or block must stage first.
-- Columns a later migration adds to a core table reach its staging table by construction:
-- after the migrations, pipeline/warehouse/db.py `init_schema` adds every core column staging
-- lacks (sql/core/staging_missing_columns.sql), so migrations alter core only.
create table if not exists staging.documents as select * from raw.documents where false;
create table if not exists staging.inputs as select * from core.inputs where false;
create table if not exists staging.articles as select * from core.articles where false;
create table if not exists staging.sentences as select * from core.sentences where false;
create table if not exists staging.actors as select * from core.actors where false;
create table if not exists staging.actor_mentions as select * from core.actor_mentions where false;
create table if not exists staging.statements as select * from core.statements where false;
create table if not exists staging.commitments as select * from core.commitments where false;
create table if not exists staging.commitment_conditions as select * from core.commitment_conditions where false;
create table if not exists staging.commitment_quantities as select * from core.commitment_quantities where false;
create table if not exists staging.commitment_mentions as select * from core.commitment_mentions where false;
