"""Rows for quality and report tests: one consistent article and its extraction.

`good_rows(run_id)` returns {table: [row dicts]} whose every key resolves and every span is the
body slice; tests break one thing and expect exactly the matching expectation to fail.
"""

from __future__ import annotations

import json
from typing import Any

BODY = (
    "Germany will provide equipment for four mechanized brigades if Russia refuses talks, "
    "Chancellor Friedrich Merz said on Monday. Berlin also pledged 500 million euros to Kyiv."
)
TITLE = "Germany pledges brigades"


def span(text: str, body: str = BODY) -> tuple[int, int, str]:
    start = body.index(text)
    return start, start + len(text), text


def good_rows(
    run_id: str,
    *,
    article_id: str = "art1",
    title: str = TITLE,
    body: str = BODY,
    suffix: str = "",
) -> dict[str, list[dict[str, Any]]]:
    """One article with a sentence, three actors, a statement, two commitments, a condition
    and a quantity. `suffix` makes every key distinct (several articles in one warehouse)."""
    s = suffix
    sent_a = body[: body.index("Monday.") + len("Monday.")]
    ev1 = span("Germany will provide equipment for four mechanized brigades", body)
    ev2 = span("Berlin also pledged 500 million euros to Kyiv", body)
    src = span("Chancellor Friedrich Merz", body)
    cue = span("said", body)
    content = span(
        "Germany will provide equipment for four mechanized brigades if Russia refuses talks", body
    )
    cond = span("if Russia refuses talks", body)
    qty = span("500 million euros", body)
    return {
        "articles": [
            dict(
                article_id=article_id,
                raw_id=f"raw{s}",
                doc_id=f"doc{s}",
                source=f"seeds/doc{s}.txt",
                url=None,
                title=title,
                body=body,
                author=None,
                published_at="2025-05-12 10:00:00",
                language="en",
                site_name=None,
                is_extracted=True,
                extraction_note=None,
                run_id=run_id,
            )
        ],
        "sentences": [
            dict(
                sentence_id=f"sen1{s}",
                article_id=article_id,
                sentence_index=0,
                sentence_start=0,
                sentence_end=len(sent_a),
                sentence_text=sent_a,
                run_id=run_id,
            )
        ],
        "actors": [
            dict(actor_id="deu", actor_kind="country", name="Germany", country=None, run_id=run_id),
            dict(actor_id="ukr", actor_kind="country", name="Ukraine", country=None, run_id=run_id),
            dict(
                actor_id="person:friedrich merz",
                actor_kind="person",
                name="Friedrich Merz",
                country="deu",
                run_id=run_id,
            ),
        ]
        if not s
        else [],
        "statements": [
            dict(
                statement_id=f"st1{s}",
                article_id=article_id,
                statement_index=0,
                source_actor_id="person:friedrich merz",
                source_country="deu",
                source_start=src[0],
                source_end=src[1],
                source_text=src[2],
                cue_start=cue[0],
                cue_end=cue[1],
                cue_text=cue[2],
                content_start=content[0],
                content_end=content[1],
                content_text=content[2],
                kind="indirect",
                via=[],
                evidence_start=content[0],
                evidence_end=cue[1],
                evidence_text=body[content[0] : cue[1]],
                confidence=0.9,
                rules_version="test",
                run_id=run_id,
            )
        ],
        "commitments": [
            dict(
                commitment_id=f"c1{s}",
                article_id=article_id,
                commitment_index=0,
                committer_actor_id="deu",
                recipient_actor_id="ukr",
                category="military_equipment",
                action="provide",
                object="equipment",
                modality="pledge",
                polarity="positive",
                statement_id=f"st1{s}",
                evidence_start=ev1[0],
                evidence_end=ev1[1],
                evidence_text=ev1[2],
                confidence=0.8,
                rules_version="test",
                run_id=run_id,
            ),
            dict(
                commitment_id=f"c2{s}",
                article_id=article_id,
                commitment_index=1,
                committer_actor_id="deu",
                recipient_actor_id="ukr",
                category="financial",
                action="pledge",
                object="500 million euros",
                modality="pledge",
                polarity="positive",
                statement_id=None,
                evidence_start=ev2[0],
                evidence_end=ev2[1],
                evidence_text=ev2[2],
                amount_value=500000000.0,
                amount_currency="eur",
                amount_basis="own",
                amount_text="500 million euros",
                amount_usd=550000000.0,
                confidence=0.95,
                rules_version="test",
                run_id=run_id,
            ),
        ],
        "commitment_conditions": [
            dict(
                condition_id=f"cd1{s}",
                commitment_id=f"c1{s}",
                article_id=article_id,
                condition_index=0,
                condition_start=cond[0],
                condition_end=cond[1],
                condition_text=cond[2],
                run_id=run_id,
            )
        ],
        "commitment_quantities": [
            dict(
                quantity_id=f"q1{s}",
                commitment_id=f"c2{s}",
                article_id=article_id,
                quantity_index=0,
                value=500000000.0,
                unit="eur",
                per=None,
                is_money=True,
                quantity_start=qty[0],
                quantity_end=qty[1],
                quantity_text=qty[2],
                run_id=run_id,
            ),
            dict(
                quantity_id=f"q2{s}",
                commitment_id=f"c1{s}",
                article_id=article_id,
                quantity_index=0,
                value=4.0,
                unit="brigade",
                per=None,
                is_money=False,
                quantity_start=None,
                quantity_end=None,
                quantity_text="four mechanized brigades",
                run_id=run_id,
            ),
        ],
    }


def insert(con: Any, schema: str, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert row dicts into schema.table (identifiers are test constants; values are bound)."""
    for row in rows:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(f"insert into {schema}.{table} ({cols}) values ({marks})", list(row.values()))


def insert_all(con: Any, schema: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    for table, table_rows in rows.items():
        insert(con, schema, table, table_rows)


def add_run(
    con: Any,
    run_id: str,
    started_at: str,
    counts: dict[str, Any],
    *,
    status: str = "published",
    stage_seconds: dict[str, float] | None = None,
) -> None:
    """A finished run in core.runs and its counts in core.run_counts, written by the pipeline's
    own writer (pipeline/runstate.py `write_counts`). `counts`: rows added per table, either
    flat ({table: n}) or as a run counts them ({"rows_added": {table: n}, "inputs": {outcome:
    n}, "files": n, "superseded": n})."""
    from pipeline.runstate import RunResult, write_counts

    insert(
        con,
        "core",
        "runs",
        [
            dict(
                run_id=run_id,
                started_at=started_at,
                finished_at=started_at,
                status=status,
                inputs=json.dumps(["seeds"]),
                rules_version="test",
                stage_seconds=json.dumps(stage_seconds or {}),
                error=None,
            )
        ],
    )
    nested = "rows_added" in counts or "inputs" in counts
    result = RunResult(
        run_id,
        status,
        "test.duckdb",
        counts=dict(counts.get("rows_added", {})) if nested else dict(counts),
        inputs=dict(counts.get("inputs", {})) if nested else {},
        files=int(counts.get("files", 0)) if nested else 0,
        superseded=int(counts.get("superseded", 0)) if nested else 0,
    )
    write_counts(con, result)
