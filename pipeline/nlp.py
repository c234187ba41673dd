"""The one spaCy pipeline every stage shares: blank English, rule sentencizer, lookup lemmas.

No model is downloaded: `spacy.blank("en")` ships with spaCy and the lemma tables
come from the `spacy-lookups-data` package. Parsing and extraction share the same
`Doc`, so an article is tokenised once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    _register_lemmatizer()
    _register_paragraphs()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(PARAGRAPHS, name="paragraphs")
    nlp.add_pipe(LEMMATIZER, name="lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 5_000_000
    return nlp


@lru_cache(maxsize=1)
def lemma_table() -> Any:
    """The shared pipeline's lookup lemma table (a spaCy `Table`, `.get(word)`; case
    sensitive: 'According' stays 'According'), or {} when the lemmatizer is missing."""
    try:
        return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - lemmatizer missing: callers fall back
        return {}


PARAGRAPHS = "pledgewatch_paragraph_sentences"
"""a line break ends a sentence: "... wrote on X.\nSpain plans ..." is two sentences even
where the sentencizer reads "X." as an initial"""


def _register_paragraphs() -> None:
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, SENT_START
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraphs(doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        arr = doc.to_array([IDX, IS_SPACE, SENT_START])
        starts = arr[:, 2].copy()
        changed = False
        pos = text.find("\n")
        while pos != -1:
            k = int(np.searchsorted(arr[:, 0], pos + 1))
            # the first word after a line break that follows a sentence's end mark ("X.\n";
            # not a hard-wrapped line in mid-sentence)
            end_mark = text[:pos].rstrip()[-1:] in (".", "!", "?", '"', "”", "’", "'")
            if (
                end_mark
                and 0 < k < len(doc)
                and arr[k, 0] == pos + 1
                and not arr[k, 1]
                and starts[k] != 1
            ):
                starts[k] = 1
                changed = True
            pos = text.find("\n", pos + 1)
        if changed:
            doc.from_array([SENT_START], starts.reshape(-1, 1))  # type: ignore[arg-type]  # int array
        return doc


LEMMATIZER = "pledgewatch_lookup_lemmatizer"
"""spaCy's lookup lemmatizer (same tables, same lemmas) reading and writing the Doc's arrays"""


def _register_lemmatizer() -> None:
    """Register LEMMATIZER: spaCy's `Lemmatizer` in lookup mode whose `__call__` reads the
    tokens' ORTH ids with `Doc.to_array` and writes LEMMA with `Doc.from_array`, one table
    look-up per distinct word, instead of a Python `Token` per token (a tenth of the
    extraction's time on short articles). Lemmas are the lookup table's, as spaCy's own
    `lookup_lemmatize` gives them (the word itself when the table lacks it)."""
    from spacy.attrs import LEMMA, ORTH
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer

    if Language.has_factory(LEMMATIZER):
        return

    class ArrayLookupLemmatizer(Lemmatizer):
        def __call__(self, doc: Doc) -> Doc:
            if self.mode != "lookup":
                return super().__call__(doc)
            if not self._validated:
                self._validate_tables()
            if len(doc) == 0:
                return doc
            table = self.lookups.get_table("lemma_lookup", {})
            strings = doc.vocab.strings
            ids: dict[int, int] = self.cache.setdefault("orth_to_lemma", {})
            arr = doc.to_array([ORTH, LEMMA])
            lemmas = arr[:, 1].copy()
            for k, (orth, lemma) in enumerate(arr.tolist()):
                if lemma and not self.overwrite:
                    continue
                lid = ids.get(orth)
                if lid is None:
                    text = strings[orth]
                    found = table.get(text, text)
                    lid = strings.add(found if isinstance(found, str) else found[0])
                    ids[orth] = lid
                lemmas[k] = lid
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64 ids
            return doc

    def make(nlp: Language, model: Any, name: str, mode: str, overwrite: bool,
             scorer: Any) -> Lemmatizer:
        return ArrayLookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite,
                                     scorer=scorer)

    Language.factory(
        LEMMATIZER,
        assigns=["token.lemma"],
        default_config={
            "model": None,
            "mode": "lookup",
            "overwrite": False,
            "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
        },
    )(make)


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
