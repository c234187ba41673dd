-- CLI runs left "running" by a process that died (killed, crashed): they never published.
-- Only CLI runs: a CLI run holds the lock for its whole life, so one found running is dead;
-- a scheduler's run may be alive between its load and publish tasks.
update core.runs
set status = 'abandoned',
    error = coalesce(error, 'the process ended before the run finished; nothing was published')
where status = 'running'
    and coalesce(runner, 'cli') = 'cli';
