"""Tools for the people who build pledgewatch, not for a run: checking annotated sets,
re-cutting PolNeAR to the contract, training the attribution tagger. `scripts/` holds their
command lines; the tests import them from here."""
