-- runs left "running" by a process that died (killed, crashed): they never published
update core.runs
set status = 'abandoned',
    error = coalesce(error, 'the process ended before the run finished; nothing was published')
where status = 'running';
