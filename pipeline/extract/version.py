"""Version of the extraction rules; bump it whenever a rule, a lexicon or a trained model
changes what is extracted."""

from __future__ import annotations

RULES_VERSION = "0.13.0"

MODEL_SHA256 = "53225adf4f02229381b5ab4290417e563dcbe558e0326218f1ca46f17369230f"
"""sha256 of pipeline/resources/statements/attribution.crfsuite, the attribution tagger these
rules were measured with (scripts/train_attribution.py); a test keeps the two together"""

RULES_ONLY_SUFFIX = "+rules-only"
"""the attribution tagger is off"""
NO_PARSER_SUFFIX = "+no-parser"
"""no dependency parser (PLEDGEWATCH_SPACY_MODEL=off)"""
NO_DECISION_SUFFIX = "+no-decision"
"""the learned decision layer is off (PLEDGEWATCH_DECISION_MODEL=off)"""
NO_CATEGORY_SUFFIX = "+no-category"
"""the learned category is off (PLEDGEWATCH_CATEGORY_MODEL=off)"""


def rules_version() -> str:
    """The version stamped on extracted rows: RULES_VERSION, with a suffix for each part that
    is off or replaced, since the output then differs: RULES_ONLY_SUFFIX when the attribution
    tagger is off or missing, NO_PARSER_SUFFIX without a parser, `+parser:<name>` with
    another spaCy pipeline than the shipped one, NO_DECISION_SUFFIX without the decision
    layer, NO_CATEGORY_SUFFIX without the learned category."""
    from pipeline.extract import category_model
    from pipeline.extract.attribution_model import model_available
    from pipeline.extract.learned import get_model
    from pipeline.nlp import SHIPPED_MODEL, parser_label, parser_model

    version = RULES_VERSION if model_available() else RULES_VERSION + RULES_ONLY_SUFFIX
    name = parser_model()
    if not name:
        version += NO_PARSER_SUFFIX
    elif name != str(SHIPPED_MODEL):
        version += "+parser:" + parser_label()
    if get_model() is None:
        version += NO_DECISION_SUFFIX
    if category_model.get_model() is None:
        version += NO_CATEGORY_SUFFIX
    return version
