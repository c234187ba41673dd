-- publish: drop a quarantined article's rows from one staging table of this run, so they are
-- not merged. {staging} is a staging table with an article_id column (names from the schema,
-- never from data); $run_id is bound.
delete from {staging}
where run_id = $run_id
    and article_id in (select article_id from staging.quarantine where run_id = $run_id);
