-- the money an undertaking is worth and the total it is counted in (extraction.md `amount`,
-- `part_of`): one figure as written, its lower-case ISO 4217 code (null when the text does not
-- name it: amount_flag 'currency_unknown'), basis 'own' or 'joint' (one sum shared by the
-- committers named with it); part_of_commitment_id is the row of the same article whose total
-- counts this row's money. Added after the first release: existing warehouses get the columns.
alter table core.commitments add column if not exists amount_value double;
alter table core.commitments add column if not exists amount_currency varchar;
alter table core.commitments add column if not exists amount_basis varchar;
alter table core.commitments add column if not exists amount_text varchar;
alter table core.commitments add column if not exists amount_flag varchar;
alter table core.commitments add column if not exists part_of_commitment_id varchar;
alter table staging.commitments add column if not exists amount_value double;
alter table staging.commitments add column if not exists amount_currency varchar;
alter table staging.commitments add column if not exists amount_basis varchar;
alter table staging.commitments add column if not exists amount_text varchar;
alter table staging.commitments add column if not exists amount_flag varchar;
alter table staging.commitments add column if not exists part_of_commitment_id varchar;
