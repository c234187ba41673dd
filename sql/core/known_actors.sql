-- actors already in core: a run stages only actors it is the first to see
select actor_id from core.actors;
