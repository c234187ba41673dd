-- a run begins: one row in core.runs (status running until it publishes or fails)
insert into core.runs (run_id, started_at, status, inputs, rules_version, runner)
values ($run_id, $started_at, 'running', $inputs, $rules_version, $runner);
