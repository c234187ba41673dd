"""Version of the extraction rules; bump it whenever a rule or lexicon changes what is extracted."""

RULES_VERSION = "0.2.0"
