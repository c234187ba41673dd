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


def process_batch(
    raws: list[RawDocument], run_id: str, recorded_at: str, limits: DocumentLimits | None = None
) -> BatchResult:
    """Parse and extract each document; never raises for one bad document.

    Outcomes here are `loaded` or `rejected`; duplicates across the batch, the run and
    the warehouse are decided by the caller, which sees every batch. Each document is parsed,
    tokenised and extracted under `limits` (`pipeline.budget`): one over its time budget, or
    longer than the NLP pipeline takes, is rejected with the reason and the batch goes on.
    """
    from pipeline.extract.rows import article_rows
    from pipeline.extract.version import rules_version
    from pipeline.nlp import get_nlp

    limits = limits or DocumentLimits()
    nlp = get_nlp()
    if nlp.max_length < limits.max_chars:
        nlp.max_length = limits.max_chars  # every body under the byte limit can be analysed
    version = rules_version()
    out = BatchResult()
    for raw in raws:
        out.rows["documents"].append(document_row(raw, run_id))
        t0 = time.perf_counter()
        try:
            with deadline(limits.seconds):
                outcome = _process_one(raw, nlp, out)
        except OverBudget as exc:
            outcome = str(exc)
        if isinstance(outcome, str):
            out.rows["inputs"].append(input_row(raw, run_id, recorded_at, outcome="rejected", reason=outcome))
            out.seconds["parse"] += time.perf_counter() - t0
            continue
        article, sentences, extraction, note = outcome
        for table, rows in article_rows(
            article, sentences, extraction, run_id=run_id, rules_version=version, extraction_note=note
        ).items():
            out.rows[table].extend(rows)
        out.rows["inputs"].append(
            input_row(raw, run_id, recorded_at, outcome="loaded", article_id=article.article_id)
        )
    return out


def _process_one(raw: RawDocument, nlp: Any, out: BatchResult) -> str | tuple[Any, ...]:
    """One document: the rejection reason, or (article, sentences, extraction, note)."""
    from pipeline.extract import extract_document
    from pipeline.parse import parse_document, split_sentences
    from pipeline.parse.normalise import normalise_for_extraction
    from pipeline.parse.sentences import bound_sentences

    t0 = time.perf_counter()
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
    doc = bound_sentences(nlp(article.body))
    t1 = time.perf_counter()
    out.seconds["parse"] += t1 - t0
    sentences = split_sentences(doc)
    extraction = None
    note = None
    if (article.language or "en") in EXTRACT_LANGUAGES:
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
    out.seconds["extract"] += time.perf_counter() - t1
    return article, sentences, extraction, note
