"""Parse + extract a batch of raw documents into warehouse rows (one worker's unit of work).

Used by the CLI run (in a process pool), by the DAG's mapped extraction tasks and by
the benchmark. Pure function of its input: no warehouse access.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pipeline.budget import DocumentLimits, OverBudget, deadline
from pipeline.models import Article, RawDocument, stable_id

EXTRACT_LANGUAGES = frozenset({"en"})
"""Languages the extraction rules are written for; other articles are loaded, not extracted."""


@dataclass
class BatchResult:
    """Rows for staging tables, plus one outcome per input."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    skipped_language: int = 0


def input_id_for(raw: RawDocument) -> str:
    return stable_id("input", raw.source, raw.raw_id)


def document_row(raw: RawDocument, run_id: str) -> dict[str, Any]:
    return {
        "raw_id": raw.raw_id,
        "content": raw.content,
        "size_bytes": len(raw.content),
        "source": raw.source,
        "source_kind": raw.source_kind,
        "fetched_at": raw.fetched_at,
        "run_id": run_id,
    }


def input_row(
    raw: RawDocument,
    run_id: str,
    recorded_at: str,
    *,
    outcome: str,
    article_id: str | None = None,
    duplicate_of: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    return {
        "input_id": input_id_for(raw),
        "raw_id": raw.raw_id,
        "source": raw.source,
        "source_kind": raw.source_kind,
        "doc_id": raw.doc_id,
        "outcome": outcome,
        "article_id": article_id,
        "duplicate_of": duplicate_of,
        "reason": reason,
        "run_id": run_id,
        "recorded_at": recorded_at,
    }


PARSE_GROUP = 32
GROUP_PARSE_MAX_CHARS = 100_000
"""bodies longer than this (wire copy is rarely a tenth of it) parse under their own budget
only, never in a group's batch, where they would hold up the group's other documents"""
"""documents whose candidate sentences go to the dependency parser in one batch"""


@dataclass
class _Prepared:
    """A document read and tokenised, waiting for extraction."""

    index: int
    """its place in the group"""
    raw: RawDocument
    article: Article
    doc: Any
    seconds: float = 0.0
    """wall-clock seconds it used of its budget so far"""


def process_batch(
    raws: list[RawDocument], run_id: str, recorded_at: str, limits: DocumentLimits | None = None
) -> BatchResult:
    """Parse and extract each document; never raises for one bad document.

    Outcomes here are `loaded` or `rejected`; duplicates across the batch, the run and
    the warehouse are decided by the caller, which sees every batch. Each document is parsed,
    tokenised and extracted under `limits` (`pipeline.budget`): one over its time budget, or
    longer than the NLP pipeline takes, is rejected with the reason and the batch goes on.

    Documents go in groups of PARSE_GROUP: each is read and tokenised, then the sentences
    extraction will ask the dependency parser for are parsed for the whole group in one
    batch (`_parse_ahead`), then each is extracted. Rows come out in the order of `raws`.
    """
    from pipeline.extract.version import rules_version
    from pipeline.nlp import get_nlp, get_parser

    limits = limits or DocumentLimits()
    nlp = get_nlp()
    if nlp.max_length < limits.max_chars:
        nlp.max_length = limits.max_chars  # every body under the byte limit can be analysed
    version = rules_version()
    out = BatchResult()
    # without a parser there is nothing to batch: each document is read and extracted in turn
    group = PARSE_GROUP if get_parser() is not None else 1
    for first in range(0, len(raws), group):
        _process_group(raws[first : first + group], nlp, out, run_id, recorded_at, limits, version)
    return out


def _process_group(
    raws: list[RawDocument],
    nlp: Any,
    out: BatchResult,
    run_id: str,
    recorded_at: str,
    limits: DocumentLimits,
    version: str,
) -> None:
    from pipeline.extract.rows import article_rows

    reasons: dict[int, str] = {}
    ready: list[_Prepared] = []
    for k, raw in enumerate(raws):
        out.rows["documents"].append(document_row(raw, run_id))
        t0 = time.perf_counter()
        try:
            with deadline(limits.seconds):
                prepared = _prepare_one(k, raw, nlp)
        except OverBudget as exc:
            prepared = str(exc)
        spent = time.perf_counter() - t0
        out.seconds["parse"] += spent
        if isinstance(prepared, str):
            reasons[k] = prepared
        else:
            prepared.seconds = spent
            ready.append(prepared)
    t1 = time.perf_counter()
    _parse_ahead(ready, limits)
    out.seconds["extract"] += time.perf_counter() - t1
    loaded: dict[int, str] = {}
    for p in ready:
        k = p.index
        t0 = time.perf_counter()
        left = None if limits.seconds is None else limits.seconds - p.seconds
        outcome: str | tuple[Any, ...]
        if left is not None and left <= 0:
            outcome = str(OverBudget(limits.seconds or 0.0))
        else:
            try:
                with deadline(left):
                    outcome = _extract_one(p, out)
            except OverBudget:
                outcome = str(OverBudget(limits.seconds or 0.0))
        out.seconds["extract"] += time.perf_counter() - t0
        if isinstance(outcome, str):
            reasons[k] = outcome
            continue
        article, sentences, extraction, note = outcome
        for table, rows in article_rows(
            article, sentences, extraction, run_id=run_id, rules_version=version, extraction_note=note
        ).items():
            out.rows[table].extend(rows)
        loaded[k] = article.article_id
    for k, raw in enumerate(raws):
        if k in loaded:
            out.rows["inputs"].append(
                input_row(raw, run_id, recorded_at, outcome="loaded", article_id=loaded[k])
            )
        else:
            out.rows["inputs"].append(
                input_row(raw, run_id, recorded_at, outcome="rejected", reason=reasons[k])
            )


def _prepare_one(index: int, raw: RawDocument, nlp: Any) -> str | _Prepared:
    """One document read and tokenised, or the reason it is rejected."""
    from pipeline.parse import parse_document
    from pipeline.parse.sentences import bound_sentences

    try:
        parsed = parse_document(raw)
    except Exception as exc:  # a parser bug must not stop the run: record it
        return f"parser error: {type(exc).__name__}: {exc}"
    if not isinstance(parsed, Article):
        return parsed.reason
    article = parsed
    if len(article.body) > nlp.max_length:
        return (
            f"too long to analyse ({len(article.body)} > {nlp.max_length} characters, "
            "the NLP pipeline's limit)"
        )
    return _Prepared(index, raw, article, bound_sentences(nlp(article.body)))


def _extracted(article: Article) -> bool:
    return (article.language or "en") in EXTRACT_LANGUAGES


def _parse_ahead(ready: list[_Prepared], limits: DocumentLimits) -> None:
    """Parse the candidate sentences of these documents in one batch (the parses are kept on
    each Doc; extraction then finds them there), within one document's time budget. Only a
    speed-up: a document whose sentences are not parsed here (its text is normalised before
    extraction, so extraction reads another Doc; the batch ran out of time; anything failed)
    has them parsed by its own extraction, under its own budget."""
    from pipeline.nlp import get_parser, parse_documents_sentences

    if get_parser() is None or len(ready) < 2:
        return
    from pipeline.extract.commitments import _Extractor
    from pipeline.parse.normalise import needs_normalising

    try:
        with deadline(limits.seconds):
            requests = [
                (p.doc, _Extractor.parse_requests(p.doc))
                for p in ready
                if _extracted(p.article)
                and len(p.article.body) <= GROUP_PARSE_MAX_CHARS
                and not needs_normalising(p.article.body)
            ]
            parse_documents_sentences(requests)
    except (OverBudget, Exception):  # noqa: BLE001 - extraction parses what is missing
        return


def _extract_one(p: _Prepared, out: BatchResult) -> tuple[Any, ...]:
    """(article, sentences, extraction, note) of one prepared document."""
    from pipeline.extract import extract_document
    from pipeline.parse import split_sentences
    from pipeline.parse.normalise import normalise_for_extraction

    article, doc = p.article, p.doc
    sentences = split_sentences(doc)
    extraction = None
    note = None
    if _extracted(article):
        try:
            extraction = normalise_for_extraction(
                article.body,
                doc,
                lambda text, d: extract_document(text, doc_id=article.doc_id, title=article.title, doc=d),
            )
        except Exception as exc:  # recorded on the article, the run goes on
            note = f"extraction failed: {type(exc).__name__}: {exc}"
    else:
        note = f"extraction skipped: language {article.language!r} is not supported"
        out.skipped_language += 1
    return article, sentences, extraction, note
