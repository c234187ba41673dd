-- staging: this run's rows, same columns as core (each carries run_id), no keys enforced:
-- a run writes here, the checks read here, publish merges into core.
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
