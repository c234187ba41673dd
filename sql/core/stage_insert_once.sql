-- staging: append an Arrow batch (_pw_batch) of rows shared by many articles (an actor): one row
-- per key per run. {staging} and {key} are identifiers from the code's fixed lists.
insert into {staging} by name
select *
from _pw_batch as b
where not exists (
    select 1 from {staging} as s
    where s.{key} = b.{key} and s.run_id = b.run_id
)
qualify row_number() over (partition by b.run_id, b.{key}) = 1;
