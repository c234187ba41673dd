"""The one spaCy pipeline every stage shares: blank English, rule sentencizer, lookup lemmas.

No model is downloaded: `spacy.blank("en")` ships with spaCy and the lemma tables
come from the `spacy-lookups-data` package. Parsing and extraction share the same
`Doc`, so an article is tokenised once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 5_000_000
    return nlp
