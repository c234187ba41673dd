-- the extraction rules' version, stamped on a run once it has staged extracted rows (a run with
-- nothing new leaves it empty and never loads the NLP pipeline). $run_id, $rules_version bound.
update core.runs
set rules_version = $rules_version
where run_id = $run_id;
