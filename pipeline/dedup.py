"""De-duplication across batches, the run and the warehouse: one rule, two entry points.

The rule (`Deduplicator.admit`), for every input (a location + its bytes):

1. an input recorded before (same location, same bytes) is skipped: counted, not staged;
2. a readable input whose bytes were recorded before under another location is a duplicate of
   the first input with those bytes (or rejected again, with the first one's reason);
3. otherwise it is new; after extraction (`resolve`), a new input whose article text is
   already known is a duplicate of the input that first loaded that article.

`screen` applies it to raw documents before parsing (the CLI's streaming run skips known
inputs by hash before any work), `screen_rows` to a batch extracted elsewhere (the DAG's mapped
tasks), on its rows. Only keys are held in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.process import BatchResult, document_row, input_id_for, input_row

if TYPE_CHECKING:
    import duckdb

    from pipeline.models import RawDocument

KNOWN = "known"
"""`admit`'s verdict for an input recorded before: skip it."""


class Deduplicator:
    """Decides duplicates across batches, the run and the warehouse; keeps only keys in memory."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        from pipeline.warehouse import read_sql

        def rows(name: str) -> list[Any]:
            return con.execute(read_sql(f"core/{name}.sql")).fetchall()

        self.known_inputs = {r[0] for r in rows("known_inputs")}
        self.known_raw = {r[0]: r[1:] for r in rows("known_raw")}
        self.known_articles = dict(rows("known_articles"))
        self.known_actors = {r[0] for r in rows("known_actors")}
        self.skipped_known = 0
        self.sources: set[str] = set()
        """Files and URLs read (a feed's or a JSON Lines file's documents count once)."""

    def admit(self, input_id: str, raw_id: str, source: str, readable: bool) -> str | dict[str, Any] | None:
        """The rule: KNOWN (skip), the fields that make it a same-bytes duplicate (or a
        rejection), or None (new: parse, extract and resolve it)."""
        self.sources.add(source.split("#", 1)[0])
        if input_id in self.known_inputs:
            self.skipped_known += 1
            return KNOWN
        self.known_inputs.add(input_id)
        if not readable or raw_id not in self.known_raw:
            return None
        first_input, outcome, article_id, reason = self.known_raw[raw_id]
        if outcome in ("rejected", "quarantined"):
            return {
                "outcome": "rejected",
                "article_id": None,
                "reason": f"{reason} (same bytes as input {first_input})",
            }
        return {
            "outcome": "duplicate",
            "article_id": article_id,
            "duplicate_of": first_input,
            "reason": "same bytes as an earlier input",
        }

    def screen(
        self, raws: list[RawDocument], run_id: str, recorded_at: str, staged: BatchResult
    ) -> list[RawDocument]:
        """`admit` before parsing: returns the new raws; same-bytes duplicates and rejections
        get their rows in `staged`, known inputs are dropped."""
        fresh = []
        for raw in raws:
            verdict = self.admit(input_id_for(raw), raw.raw_id, raw.source, raw.error is None)
            if verdict == KNOWN:
                continue
            if isinstance(verdict, dict):
                staged.rows["inputs"].append(input_row(raw, run_id, recorded_at, **verdict))
                staged.rows["documents"].append(document_row(raw, run_id))
                continue
            fresh.append(raw)
        return fresh

    def screen_rows(self, result: BatchResult) -> BatchResult:
        """`admit` on a batch extracted elsewhere (a DAG's mapped tasks), on its rows.

        Known inputs are dropped with their rows; a loaded input whose bytes are known becomes a
        duplicate (or a rejection) and its article's rows go. Call `resolve` next, as for any
        processed batch.
        """
        kept_inputs: list[dict[str, Any]] = []
        kept_raw: set[str] = set()
        drop: set[str] = set()
        keep: set[str] = set()
        for row in result.rows["inputs"]:
            verdict = self.admit(row["input_id"], row["raw_id"], row["source"], row["outcome"] == "loaded")
            if verdict == KNOWN:
                if row.get("article_id"):
                    drop.add(row["article_id"])
                continue
            if isinstance(verdict, dict):
                drop.add(row["article_id"])
                row.update(verdict)
            elif row["outcome"] == "loaded":
                keep.add(row["article_id"])
            kept_inputs.append(row)
            kept_raw.add(row["raw_id"])
        result.rows["inputs"] = kept_inputs
        result.rows["documents"] = [d for d in result.rows["documents"] if d["raw_id"] in kept_raw]
        drop -= keep
        if drop:
            for table, rows in result.rows.items():
                if table not in ("inputs", "documents"):
                    result.rows[table] = [r for r in rows if r.get("article_id") not in drop]
        return result

    def resolve(self, result: BatchResult) -> BatchResult:
        """Turn loaded inputs whose article is already known into duplicates, dropping rows."""
        drop: set[str] = set()
        loaded_here: set[str] = set()
        for row in result.rows["inputs"]:
            if row["outcome"] == "rejected":
                if row["raw_id"] not in self.known_raw:
                    self.known_raw[row["raw_id"]] = (row["input_id"], "rejected", None, row["reason"])
                continue
            aid = row["article_id"]
            if aid in self.known_articles:
                same_bytes = self.known_raw.get(row["raw_id"])
                row.update(
                    outcome="duplicate",
                    duplicate_of=self.known_articles[aid],
                    reason="same bytes as an earlier input"
                    if same_bytes
                    else "same article text as an earlier input",
                )
                drop.add(aid)
            else:
                self.known_articles[aid] = row["input_id"]
                loaded_here.add(aid)
            self.known_raw.setdefault(row["raw_id"], (row["input_id"], row["outcome"], aid, None))
        # an actor is staged once per run, and only when core does not know it yet
        new_actors = []
        for actor in result.rows["actors"]:
            if actor["actor_id"] not in self.known_actors:
                self.known_actors.add(actor["actor_id"])
                new_actors.append(actor)
        result.rows["actors"] = new_actors
        for table, rows in result.rows.items():
            if table in ("inputs", "documents", "actors"):
                continue
            # rows of an article known before this batch go; an article that came twice in this
            # batch keeps one copy of each row (the first field of every row is its key)
            seen: set[object] = set()
            kept = []
            for r in rows:
                key = next(iter(r.values()))
                if key in seen or (r.get("article_id") in drop and r.get("article_id") not in loaded_here):
                    continue
                seen.add(key)
                kept.append(r)
            result.rows[table] = kept
        return result
