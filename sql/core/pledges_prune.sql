-- links whose commitment is no longer in core (none today: core rows are never deleted)
delete from core.pledge_commitments
where commitment_id not in (select commitment_id from core.commitments);
