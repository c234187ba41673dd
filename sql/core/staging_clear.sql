-- staging rows of one table that no live run needs: this run's own (a retried step starts
-- clean) and those of runs no longer running. {staging} is a table name from the code's
-- fixed list; $run_id is bound.
delete from {staging}
where run_id = $run_id
    or run_id not in (select run_id from core.runs where status = 'running');
