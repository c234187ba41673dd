"""Version of the extraction rules; bump it whenever a rule, a lexicon or the trained model
changes what is extracted."""

RULES_VERSION = "0.3.0"

MODEL_SHA256 = "fe064afaa01d2a3e7d41ae6878cf36cd9564ef108723bf5f94a046c55bbecd57"
"""sha256 of pipeline/resources/statements/attribution.crfsuite, the attribution tagger these
rules were measured with (scripts/train_attribution.py); a test keeps the two together"""
