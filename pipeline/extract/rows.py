"""Turn one article and its extraction (the extraction.md JSON shape) into warehouse rows.

Keys are derived from content (article id + spans + fields), so the same article
gives the same keys in every run and loads merge idempotently.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.models import Article, Sentence, stable_id
from pipeline.money.convert import convert

_COUNTRY_LEN = 3


def actor_kind(actor_id: str) -> str:
    """Kind of actor from its canonical id (extraction.md, "Actors")."""
    if ":" in actor_id:
        prefix = actor_id.split(":", 1)[0]
        return {"person": "person", "media": "media", "anon": "anon"}.get(prefix, "other")
    if actor_id == "anon":
        return "anon"
    if len(actor_id) == _COUNTRY_LEN and actor_id.isalpha():
        return "country"
    return "organisation"


def row_actor_kind(actor: str | None, *, donors: str) -> str:
    """`actor_kind` of a row's committer, recipient or source, which may be missing ("none") or
    the unnamed many (`donors`, named by the caller's own label: the learned category and the
    confidence buckets were built with different ones)."""
    if not actor:
        return "none"
    if actor == "donors":
        return donors
    return actor_kind(actor)


@lru_cache(maxsize=512)
def is_currency(unit: str | None) -> bool:
    """True when the unit is an ISO 4217 currency code (`usd`, `eur`), per the pycountry data."""
    if not unit or len(unit) != _COUNTRY_LEN:
        return False
    import pycountry

    return pycountry.currencies.get(alpha_3=unit.upper()) is not None


@lru_cache(maxsize=4096)
def actor_name(actor_id: str) -> str:
    """A readable name derived from the canonical id (never from one surface mention such as "he")."""
    kind = actor_kind(actor_id)
    if kind == "country":
        import pycountry

        country = pycountry.countries.get(alpha_3=actor_id.upper())
        if country is not None:
            return str(getattr(country, "common_name", None) or country.name)
    if kind == "anon":
        where = actor_id.partition(":")[2]
        return f"unnamed source ({actor_name(where)})" if where else "unnamed source"
    name = actor_id.partition(":")[2] if ":" in actor_id else actor_id
    return name.replace("_", " ").title() if kind in ("person", "media") else name.replace("_", " ")


def _span(part: dict[str, Any] | None, prefix: str) -> dict[str, Any]:
    if not part or not part.get("span"):
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    s, e = part["span"]
    return {f"{prefix}_start": int(s), f"{prefix}_end": int(e), f"{prefix}_text": part.get("text")}


def _confidence(value: Any) -> float | None:
    """The extraction's optional `confidence` as a float in [0, 1]; anything else is None (low)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if 0.0 <= number <= 1.0 else None


def _find(body: str, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """First occurrence of text in body[lo:hi], else anywhere in body."""
    if not text:
        return None
    i = body.find(text, lo, hi)
    if i < 0:
        i = body.find(text)
    return (i, i + len(text)) if i >= 0 else None


def article_rows(
    article: Article,
    sentences: list[Sentence],
    extraction: dict[str, Any] | None,
    *,
    run_id: str,
    rules_version: str,
    extraction_note: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows for every core table touched by one article."""
    aid = article.article_id
    body = article.body
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "article_id": aid,
                "raw_id": article.raw_id,
                "doc_id": article.doc_id,
                "source": article.source,
                "url": article.url,
                "title": article.title,
                "body": body,
                "author": article.author,
                "published_at": article.published_at,
                "language": article.language,
                "site_name": article.site_name,
                "is_extracted": extraction is not None,
                "extraction_note": extraction_note,
                "run_id": run_id,
            }
        ],
        "sentences": [
            {
                "sentence_id": stable_id(aid, "sentence", s.start, s.end),
                "article_id": aid,
                "sentence_index": s.index,
                "sentence_start": s.start,
                "sentence_end": s.end,
                "sentence_text": s.text,
                "run_id": run_id,
            }
            for s in sentences
        ],
        "actors": [],
        "actor_mentions": [],
        "statements": [],
        "commitments": [],
        "commitment_conditions": [],
        "commitment_quantities": [],
        "commitment_mentions": [],
    }
    if extraction is None:
        return rows
    actors: dict[str, dict[str, Any]] = {}

    def actor(
        actor_id: str | None, name: str | None, country: str | None, role: str, span: dict[str, Any] | None
    ) -> None:
        if not actor_id:
            return
        if actor_id not in actors:
            actors[actor_id] = {
                "actor_id": actor_id,
                "actor_kind": actor_kind(actor_id),
                "name": actor_name(actor_id),
                "country": country,
                "run_id": run_id,
            }
        sp = _span(span, "mention")
        rows["actor_mentions"].append(
            {
                "mention_id": stable_id(
                    aid, "mention", actor_id, role, sp["mention_start"], sp["mention_end"]
                ),
                "article_id": aid,
                "actor_id": actor_id,
                "role": role,
                **sp,
                "run_id": run_id,
            }
        )

    statement_ids: list[str] = []
    for i, st in enumerate(extraction.get("statements", [])):
        src, cue, content = st.get("source") or {}, st["cue"], st["content"]
        spans = [p["span"] for p in (src, cue, content) if p and p.get("span")]
        ev_s, ev_e = min(s for s, _ in spans), max(e for _, e in spans)
        sid = stable_id(
            aid, "statement", cue["span"][0], cue["span"][1], content["span"][0], content["span"][1]
        )
        statement_ids.append(sid)
        rows["statements"].append(
            {
                "statement_id": sid,
                "article_id": aid,
                "statement_index": i,
                "source_actor_id": src.get("actor"),
                "source_country": src.get("actor_country"),
                **_span(src, "source"),
                **_span(cue, "cue"),
                **_span(content, "content"),
                "kind": st.get("kind"),
                "via": list(st.get("via") or []),
                "evidence_start": ev_s,
                "evidence_end": ev_e,
                "evidence_text": body[ev_s:ev_e],
                "confidence": _confidence(st.get("confidence")),
                "rules_version": rules_version,
                "run_id": run_id,
            }
        )
        actor(src.get("actor"), src.get("text"), src.get("actor_country"), "source", src)
        for v in st.get("via") or []:
            actor(v, None, None, "via", None)

    seen_commitments: set[str] = set()
    commitment_ids = [
        stable_id(
            aid,
            "commitment",
            cm["evidence"]["span"][0],
            cm["evidence"]["span"][1],
            cm.get("committer"),
            cm.get("category"),
            cm.get("action"),
            cm.get("object"),
        )
        for cm in extraction.get("commitments", [])
    ]
    for i, cm in enumerate(extraction.get("commitments", [])):
        ev = cm["evidence"]
        cid = commitment_ids[i]
        if cid in seen_commitments:
            continue
        seen_commitments.add(cid)
        st_index = cm.get("statement")
        amount = cm.get("amount") or {}
        part_of = cm.get("part_of")
        rows["commitments"].append(
            {
                "commitment_id": cid,
                "article_id": aid,
                "commitment_index": i,
                "committer_actor_id": cm.get("committer"),
                "recipient_actor_id": cm.get("recipient"),
                "category": cm.get("category"),
                "action": cm.get("action"),
                "object": cm.get("object"),
                "modality": cm.get("modality"),
                "polarity": cm.get("polarity"),
                "statement_id": statement_ids[st_index]
                if isinstance(st_index, int) and 0 <= st_index < len(statement_ids)
                else None,
                **_span(ev, "evidence"),
                "amount_value": amount.get("value"),
                "amount_currency": amount.get("currency"),
                "amount_basis": amount.get("basis") if amount else None,
                "amount_text": amount.get("text"),
                "amount_flag": amount.get("flag"),
                "part_of_commitment_id": commitment_ids[part_of]
                if isinstance(part_of, int) and 0 <= part_of < len(commitment_ids) and part_of != i
                else None,
                # in USD and EUR at the ECB rate of the article's date (else the run's)
                **convert(amount.get("value"), amount.get("currency"), article.published_at, run_id).row(),
                "confidence": _confidence(cm.get("confidence")),
                "rules_version": rules_version,
                "run_id": run_id,
            }
        )
        actor(cm.get("committer"), None, None, "committer", ev)
        actor(cm.get("recipient"), None, None, "recipient", None)
        for j, cond in enumerate(cm.get("conditions") or []):
            rows["commitment_conditions"].append(
                {
                    "condition_id": stable_id(cid, "condition", j),
                    "commitment_id": cid,
                    "article_id": aid,
                    "condition_index": j,
                    **_span(cond, "condition"),
                    "run_id": run_id,
                }
            )
        lo, hi = ev["span"]
        for j, q in enumerate(cm.get("quantities") or []):
            where = _find(body, q.get("text") or "", lo, hi)
            rows["commitment_quantities"].append(
                {
                    "quantity_id": stable_id(cid, "quantity", j),
                    "commitment_id": cid,
                    "article_id": aid,
                    "quantity_index": j,
                    "value": q.get("value"),
                    "unit": q.get("unit"),
                    "per": q.get("per"),
                    "is_money": is_currency(q.get("unit")),
                    "quantity_start": where[0] if where else None,
                    "quantity_end": where[1] if where else None,
                    "quantity_text": q.get("text") or "",
                    "run_id": run_id,
                }
            )
        for j, m in enumerate(cm.get("mentions") or []):
            rows["commitment_mentions"].append(
                {
                    "mention_id": stable_id(cid, "mention", j),
                    "commitment_id": cid,
                    "article_id": aid,
                    **_span(m, "mention"),
                    "run_id": run_id,
                }
            )
    rows["actors"] = list(actors.values())
    return rows
