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
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 5_000_000
    return nlp


TEXT_KEY = "pledgewatch.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy rebuilds it from every token (a Token object
    each) on every read, and parsing, actors and statements all need it. The first read is
    kept in `doc.user_data`."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text
