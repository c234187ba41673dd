"""The spaCy pipelines every stage shares.

- `get_nlp()`: blank English, rule sentencizer (no sentence end after an abbreviation such
  as "Fr." before a figure or "Lt." before a name, a sentence end at a line break after
  one), lookup lemmas. Every article goes through it once (tokens, sentences, lemmas);
  parsing and extraction share that `Doc`.
- `get_parser()`: the dependency parser. By default the pipeline shipped in
  `pipeline/resources/models/en_pledgewatch_ud` (morphologizer, rule lemmatizer, parser,
  trained here on UD English EWT + GUM by `scripts/train_parser.py`); any installed spaCy
  pipeline instead by name or path (`PLEDGEWATCH_SPACY_MODEL`, the CLI's `--spacy-model`),
  or none (`off`). It parses only the sentences extraction asks for
  (`parse_sentences` / `sentence_parse`), so its cost grows with the candidate
  sentences, not with the article.

No model is downloaded: `spacy.blank("en")` ships with spaCy, the lemma tables come from
the `spacy-lookups-data` package, and the parser is a folder in this package.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import RESOURCES_DIR

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_ENV = "PLEDGEWATCH_SPACY_MODEL"
"""name or path of the spaCy pipeline that parses sentences; `off` parses nothing"""
SHIPPED_MODEL = RESOURCES_DIR / "models" / "en_pledgewatch_ud"
PARSES_KEY = "pledgewatch.parses"
MAX_PARSE_TOKENS = 200
"""longer sentences are not parsed"""
PARSE_BATCH = 64
"""sentences per parser batch: as fast as larger batches (measured to 256), and the network's
working memory grows with the batch (+100 MiB peak at 256)"""


class ParserError(RuntimeError):
    """The configured spaCy pipeline cannot be loaded or has no dependency parser."""


def parser_model() -> str:
    """The configured parser: a name or path, the shipped model by default, '' when off."""
    value = os.environ.get(MODEL_ENV, "").strip()
    if value.lower() in ("off", "none", "0", "false", "no"):
        return ""
    return value or str(SHIPPED_MODEL)


def parser_label() -> str:
    """How the configured parser is named on rows and in reports: the shipped model as
    `en_pledgewatch_ud-<version>`, another pipeline by its meta name and version, '' off."""
    nlp = get_parser()
    if nlp is None:
        return ""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def get_parser() -> Language | None:
    """The configured dependency parser (loaded once per process), or None when off."""
    name = parser_model()
    return _load_parser(name) if name else None


@lru_cache(maxsize=2)
def _load_parser(name: str) -> Language:
    import spacy

    path = Path(name)
    if name == str(SHIPPED_MODEL) and not path.is_dir():
        raise ParserError(f"the shipped parser is missing: {path} (rebuild it with `make model`)")
    try:
        nlp = spacy.load(path if path.is_dir() else name)
    except OSError as exc:
        raise ParserError(f"cannot load spaCy pipeline {name!r} ({MODEL_ENV}): {exc}") from exc
    if "parser" not in nlp.pipe_names:
        raise ParserError(f"spaCy pipeline {name!r} has no dependency parser")
    _array_rule_lemmatizer(nlp)
    _numpy_matrix_products(nlp)
    return nlp


@lru_cache(maxsize=1)
def _openblas() -> Any:
    """A `threadpoolctl` controller of the BLAS libraries loaded in this process when numpy's
    is OpenBLAS (whose thread count it can set), else None (Accelerate, MKL: BLIS stays)."""
    import numpy  # noqa: F401 - loads numpy's BLAS, which the controller then finds
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()
    return controller if controller.select(internal_api="openblas").lib_controllers else None


def _hold_blas_to_one_thread() -> bool:
    """Hold numpy's OpenBLAS to one thread for the rest of this process (`threadpoolctl`),
    when numpy's BLAS is OpenBLAS; whether it is. A process that parses is one of `--workers`
    processes on as many cores: OpenBLAS's own threads (one per core, spinning while they
    wait) would fight the other workers and the run's main process for them. Held once, not
    per batch: raising the count again after each batch woke spinning threads that cost a
    15-article run ~2 cpu-s (docs/benchmark.md, session 9)."""
    controller = _openblas()
    if controller is None:
        return False
    controller.select(internal_api="openblas").limit(limits=1)
    return True


def _numpy_matrix_products(nlp: Language) -> None:
    """Run the pipeline's matrix products (the tok2vec's and the taggers' maxout layers, the
    parser's feature layer: most of its CPU) through numpy's OpenBLAS instead of thinc's
    default BLIS, when OpenBLAS can be held to one thread (`_hold_blas_to_one_thread`): on the
    benchmark machine BLIS runs them ~3x slower (docs/benchmark.md, session 9). The same
    weights, the same layers, the same operations; only the library multiplying the
    matrices changes (the parses came out identical on the benchmark's sentences and on every
    evaluation set). The parser's own transition loop keeps thinc's BLIS (`ops.cblas()`)."""
    if not _hold_blas_to_one_thread():
        return  # OpenBLAS would run on every core: keep BLIS
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if type(node.ops) is NumpyOps:  # on the CPU (a GPU pipeline's ops stay)
                    node.ops = ops


def _array_rule_lemmatizer(nlp: Language) -> None:
    """Make the pipeline's rule lemmatizer read and write the Doc's arrays: one rule look-up
    per distinct (word, POS, morphology), instead of a Python `Token` and a rule look-up per
    token (spaCy's `Lemmatizer.__call__` caches only the words its rules change, not the base
    forms). The lemmas are the component's own `lemmatize(token)[0]`, which depends on the
    word, its POS and its morphology only, so they are the same lemmas."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.pipeline import Lemmatizer

    component = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(component, Lemmatizer) or component.mode != "rule":
        return
    base = type(component)

    def __call__(self: Lemmatizer, doc: Doc) -> Doc:  # noqa: N807 - the component's call
        if not self._validated:
            return base.__call__(self, doc)  # validates the tables, then lemmatises
        if len(doc) == 0:
            return doc
        ids: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_pledgewatch_lemma_ids", {})
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        for k, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            lid = ids.get(key)
            if lid is None:
                lid = strings.add(self.lemmatize(doc[k])[0])
                ids[key] = lid
            lemmas[k] = lid
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64 ids
        return doc

    component.__class__ = type(f"Array{base.__name__}", (base,), {"__call__": __call__})


def parse_sentences(doc: Doc, sents: Iterable[Span]) -> None:
    """Parse these sentences of `doc` in one batch and keep the parses on the Doc (see
    `sentence_parse`); sentences parsed before are not parsed again."""
    parse_documents_sentences([(doc, sents)])


def parse_documents_sentences(requests: Iterable[tuple[Doc, Iterable[Span]]]) -> None:
    """`parse_sentences` for several documents in one batch: the parser runs its network on
    a batch at a time, and a document's few sentences make a small one (a third slower per
    sentence than a batch of a few hundred). Each parse is kept on its own Doc."""
    nlp = get_parser()
    if nlp is None:
        return
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc as SpacyDoc

    todo: list[tuple[dict[tuple[int, int], Doc], Span]] = []
    for doc, sents in requests:
        cache: dict[tuple[int, int], Doc] = doc.user_data.setdefault(PARSES_KEY, {})
        # each sentence once: callers pass overlapping lists (the rules' cue filter and the
        # learned layer's trigger filter keep mostly the same sentences); a "sentence" of
        # hundreds of tokens is a list, a table or hostile input, not prose the parser was
        # trained on: it stays unparsed (the rules read it), and costs nothing
        seen: set[tuple[int, int]] = set()
        for s in sents:
            key = (s.start, s.end)
            if key not in cache and key not in seen and 0 < len(s) <= MAX_PARSE_TOKENS:
                seen.add(key)
                todo.append((cache, s))
    if not todo:
        return
    # each sentence's words and spaces read off its Doc's arrays (offset, length, space after),
    # not a Python `Token` per token
    tokens: dict[int, tuple[str, list[list[int]]]] = {}

    def sentence_doc(s: Span) -> Doc:
        found = tokens.get(id(s.doc))
        if found is None:
            found = tokens[id(s.doc)] = (doc_text(s.doc), s.doc.to_array([IDX, LENGTH, SPACY]).tolist())
        text, rows = found
        part = rows[s.start : s.end]
        return SpacyDoc(
            nlp.vocab, words=[text[i : i + n] for i, n, _ in part], spaces=[sp == 1 for _, _, sp in part]
        )

    words = (sentence_doc(s) for _, s in todo)
    # filled as the batches come out: a document over its time budget keeps what was parsed
    for (cache, sent), parsed in zip(todo, nlp.pipe(words, batch_size=PARSE_BATCH), strict=True):
        cache[(sent.start, sent.end)] = parsed


def sentence_parse(doc: Doc, sent: Span) -> Doc | None:
    """The dependency parse of one sentence of `doc`: a Doc whose token k is `sent[k]`
    (same words; character offsets relative to `sent.start_char`), with `pos_`, `morph`,
    `lemma_`, `dep_` and `head`; None when parsing is off."""
    cache = doc.user_data.get(PARSES_KEY) or {}
    parsed = cache.get((sent.start, sent.end))
    if parsed is None:
        parse_sentences(doc, [sent])
        parsed = (doc.user_data.get(PARSES_KEY) or {}).get((sent.start, sent.end))
    return parsed


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    _register_lemmatizer()
    _register_abbreviations()
    _register_paragraphs()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(ABBREVIATIONS, name="abbreviations")
    nlp.add_pipe(PARAGRAPHS, name="paragraphs")
    nlp.add_pipe(LEMMATIZER, name="lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 8 * 1024 * 1024  # >= RunConfig.max_bytes (5 MB): a body has no more chars than bytes
    _keep_text(nlp)
    return nlp


def _keep_text(nlp: Language) -> None:
    """Keep the text a Doc is made from as its `doc_text` (TEXT_KEY): spaCy's tokenizer never
    changes the text (`doc.text == text`), and rebuilding it from the tokens (a Python `Token`
    per token) was ~2 % of the extraction's CPU in a profile (the paragraph component reads it
    for every article). The Doc's end must
    fall on the text's end, else the text is rebuilt on first read as before."""
    make_doc = nlp.make_doc

    def make_doc_keeping_text(text: str) -> Doc:
        doc = make_doc(text)
        if len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
            doc.user_data[TEXT_KEY] = text
        return doc

    nlp.make_doc = make_doc_keeping_text  # type: ignore[method-assign]


@lru_cache(maxsize=1)
def lemma_table() -> Any:
    """The shared pipeline's lookup lemma table (a spaCy `Table`, `.get(word)`; case
    sensitive: 'According' stays 'According'), or {} when the lemmatizer is missing."""
    try:
        return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - lemmatizer missing: callers fall back
        return {}


ABBREVIATIONS = "pledgewatch_abbreviations"
"""no sentence starts after an abbreviation the tokenizer splits from its period ("Fr" ".")
when a figure or a name follows on the same line: "Switzerland will spend Fr. 100 million"
is one sentence (resources/sentences/abbreviations.tsv)"""
ABBREVIATIONS_FILE = RESOURCES_DIR / "sentences" / "abbreviations.tsv"


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, frozenset[str]]:
    """Each abbreviation (as written, without its period) and what may follow it in the
    same sentence: `number`, `name`."""
    from pipeline.lexicon import data_rows

    return {r[0]: frozenset(r[1].split()) for r in data_rows(ABBREVIATIONS_FILE)}


def _register_abbreviations() -> None:
    import numpy as np
    from spacy.attrs import ORTH, SENT_START
    from spacy.language import Language

    if Language.has_factory(ABBREVIATIONS):
        return

    @Language.component(ABBREVIATIONS)
    def join_abbreviations(doc: Doc) -> Doc:
        if len(doc) < 3:
            return doc
        strings = doc.vocab.strings
        table = abbreviations()
        arr = doc.to_array([ORTH, SENT_START])  # uint64: "not a start" (-1) is its maximum
        period = strings.add(".")
        # a period that starts a sentence after it: the few candidates, read as tokens
        ks = np.nonzero((arr[1:-1, 0] == period) & (arr[2:, 1] == 1))[0] + 1
        if not len(ks):
            return doc
        starts = arr[:, 1].copy()
        changed = False
        for k in ks.tolist():
            abbr, dot, nxt = doc[k - 1], doc[k], doc[k + 1]
            follows = table.get(abbr.text)
            if not follows or abbr.whitespace_ or "\n" in dot.whitespace_ or not dot.whitespace_:
                continue  # not glued to its period ("No ."), or the next word on a new line
            if k >= 2 and doc[k - 2].text == "." and not doc[k - 2].whitespace_:
                continue  # "U.S.A": an initial, not this abbreviation
            word = nxt.text
            number = "number" in follows and word[:1].isdigit()
            # a name, or a title of one token before it ("Maj. Gen. Smith")
            name = "name" in follows and word[:1].isupper() and word.rstrip(".").isalpha() and not nxt.is_stop
            if number or name:
                starts[k + 1] = starts[k]  # the period's own "not a start"
                changed = True
        if changed:
            doc.from_array([SENT_START], starts.reshape(-1, 1))  # type: ignore[arg-type]  # int array
        return doc


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
            if end_mark and 0 < k < len(doc) and arr[k, 0] == pos + 1 and not arr[k, 1] and starts[k] != 1:
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

    def make(nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Any) -> Lemmatizer:
        return ArrayLookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)

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
