"""Version of the extraction rules; bump it whenever a rule, a lexicon or the trained model
changes what is extracted."""

from __future__ import annotations

RULES_VERSION = "0.5.0"

MODEL_SHA256 = "53225adf4f02229381b5ab4290417e563dcbe558e0326218f1ca46f17369230f"
"""sha256 of pipeline/resources/statements/attribution.crfsuite, the attribution tagger these
rules were measured with (scripts/train_attribution.py); a test keeps the two together"""

RULES_ONLY_SUFFIX = "+rules-only"


def rules_version() -> str:
    """The version stamped on extracted rows: RULES_VERSION, with RULES_ONLY_SUFFIX when the
    attribution tagger is switched off (PLEDGEWATCH_ATTRIBUTION_MODEL=off) or missing, since
    the output then differs."""
    from pipeline.extract.attribution_model import model_available

    return RULES_VERSION if model_available() else RULES_VERSION + RULES_ONLY_SUFFIX
