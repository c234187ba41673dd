-- inputs already recorded (any outcome): skipped before parsing on a re-run
select input_id from core.inputs;
