"""`pledgewatch bench`: the whole job on a generated corpus, against a reference in the same run.

What it does, in order:

1. builds a corpus of N distinct articles by recombining the sentences of the
   shipped articles listed in `pipeline/resources/bench/sources.txt` (seeds,
   ingest fixtures, held-out set 1: a fixed list, so figures stay comparable
   when annotated sets are added): real language, no two bodies alike, deterministic for a seed,
   written file by file to a temporary folder (never held in memory);
2. measures the reference on the same files with the same number of worker
   processes: bare spaCy tokenisation with sentence splitting
   (`spacy.blank("en")` + sentencizer) for text, the main-content extractor
   alone (`trafilatura.extract`) for HTML pages;
3. runs the whole job (`run_pipeline`) into a fresh warehouse, sampling the
   resident memory of the process tree (the process and all its children,
   summed) in a thread;
4. runs the job a second time over the same input (nothing new: every
   document is skipped by hash before parsing) and reports its share of the
   first run's time.

`--json OUT` writes the figures (`articles_per_second`, `ratio_to_reference`,
`peak_rss_bytes`, `stages`, ...). Timings are measured here, never asserted by
tests.

`--small` measures the fixed cost of a run instead (`run_small_bench`): the real CLI,
`pledgewatch run`, in a fresh interpreter on 15 training articles of the shared gold sets into a
fresh warehouse, then again with nothing new, `--repeat` times (minimum of the rounds); wall
seconds, CPU seconds of the whole process tree (workers included) and the run's own stage
seconds.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

STAGES = ("ingest", "parse", "extract", "load", "validate", "publish", "report")
"""Stage names, in the order the job runs them."""

DEFAULT_SEED = 20_240_601
FILES_PER_FOLDER = 1000
REFERENCE_BATCH = 200
"""Files per reference task (the pipeline's default batch size)."""

_SENTENCE_END = re.compile(r"(?<=[.!?’”\"'])\s+(?=[A-Z‘“\"'(])")


# --------------------------------------------------------------------------- corpus


@dataclass
class SourcePool:
    """Titles and sentences of the shipped articles, and how long those articles are."""

    titles: list[str]
    sentences: list[str]
    paragraphs_per_article: tuple[int, int]
    files: list[str] = field(default_factory=list)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def bench_sources() -> list[str]:
    """The declared corpus: paths (from the project root) of the shipped articles the
    benchmark draws from, `pipeline/resources/bench/sources.txt`."""
    from pipeline.lexicon import data_lines

    return data_lines(Path(__file__).resolve().parent / "resources" / "bench" / "sources.txt")


def _shipped_articles(root: Path) -> Iterator[tuple[str, str, str]]:
    """(file, title, body) of every listed shipped English article the parser accepts.

    Read with the pipeline's own ingest and parser, so fixtures in any format and
    encoding count, and the deliberately broken ones (binary, empty, listings,
    other languages) are left out.
    """
    from pipeline.config import RunConfig
    from pipeline.ingest import discover
    from pipeline.models import Article
    from pipeline.parse import parse_document

    locations = [root / rel for rel in bench_sources()]
    missing = [str(loc) for loc in locations if not loc.exists()]
    if missing:
        raise FileNotFoundError(f"benchmark sources missing: {', '.join(missing)}")
    for loc in locations:
        try:
            raws = list(discover([str(loc)], RunConfig(inputs=[str(loc)])))
        except Exception:  # noqa: BLE001 - an ingest bug must not stop the benchmark
            continue
        for raw in raws:
            if raw.error or raw.source_kind not in ("txt", "html", "json"):
                continue
            try:
                art = parse_document(raw)
            except Exception:  # noqa: BLE001
                continue
            if not isinstance(art, Article) or (art.language or "en") != "en":
                continue
            if _CONTROL.search(art.body) or _CONTROL.search(art.title or ""):
                continue
            yield raw.source, art.title or "", art.body


def source_pool(root: Path = PROJECT_ROOT) -> SourcePool:
    """Sentences of the shipped articles listed in `resources/bench/sources.txt`."""
    titles: list[str] = []
    sentences: list[str] = []
    seen: set[str] = set()
    lengths: list[int] = []
    used: list[str] = []
    for source, title, body in _shipped_articles(root):
        paragraphs = [ln.strip() for ln in body.split("\n") if ln.strip()]
        n_before = len(sentences)
        for para in paragraphs:
            for s in _SENTENCE_END.split(para):
                s = " ".join(s.split())
                # keep real sentences only (no bylines, no stray fragments)
                if len(s.split()) >= 4 and s not in seen:
                    seen.add(s)
                    sentences.append(s)
        if len(sentences) > n_before:
            try:
                used.append(str(Path(source).resolve().relative_to(root)))
            except ValueError:
                used.append(source)
            lengths.append(len(paragraphs))
            if title and title not in titles:
                titles.append(" ".join(title.split()))
    if len(sentences) < 20:
        raise RuntimeError(f"too few source sentences to build a corpus ({len(sentences)})")
    lengths.sort()
    lo = max(3, lengths[0])
    hi = max(lo + 2, lengths[-1])
    return SourcePool(
        titles=titles or ["Untitled"],
        sentences=sentences,
        paragraphs_per_article=(lo, hi),
        files=list(dict.fromkeys(used)),
    )


def generate_articles(
    n: int, seed: int = DEFAULT_SEED, pool: SourcePool | None = None
) -> Iterator[tuple[str, list[str]]]:
    """N (title, paragraphs) with pairwise distinct bodies, deterministic for the seed.

    Only an 8-byte digest per body is kept to guarantee distinctness.
    """
    pool = pool or source_pool()
    rng = random.Random(seed)
    seen: set[bytes] = set()
    lo, hi = pool.paragraphs_per_article
    made = 0
    while made < n:
        paragraphs = []
        for _ in range(rng.randint(lo, hi)):
            paragraphs.append(" ".join(rng.sample(pool.sentences, rng.choice((1, 1, 1, 2, 2)))))
        body = "\n".join(paragraphs)
        key = hashlib.blake2b(" ".join(body.split()).lower().encode(), digest_size=8).digest()
        if key in seen:
            continue
        seen.add(key)
        made += 1
        title = rng.choice(pool.titles)
        yield title, paragraphs


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta name="author" content="{author}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://{host}/world/{slug}">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/business">Business</a> <a href="/about">About us</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By {author} &middot; <time datetime="{published}">{day}</time></p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li>
<li><a href="/b">Weather warning for the weekend</a></li></ul></aside>
</main>
<footer><p>&copy; {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""
_AUTHORS = ("Anna Keller", "James Okafor", "Maria Rossi", "Tom Becker", "Leila Haddad")
_SITES = (
    ("The Daily Ledger", "dailyledger.example"),
    ("World Wire", "worldwire.example"),
    ("Evening Courier", "eveningcourier.example"),
)


def _html_page(i: int, title: str, paragraphs: list[str], rng: random.Random) -> str:
    site, host = rng.choice(_SITES)
    day = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(700), minutes=rng.randrange(1440))
    esc = html_lib.escape
    return _PAGE.format(
        title=esc(title),
        site=esc(site),
        host=host,
        author=rng.choice(_AUTHORS),
        published=day.isoformat(),
        day=day.strftime("%d %B %Y"),
        slug=f"article-{i:07d}",
        paragraphs="\n".join(f"<p>{esc(p)}</p>" for p in paragraphs),
    )


@dataclass
class Corpus:
    folder: Path
    articles: int
    bytes: int
    kind: str
    seconds: float
    source_files: list[str]
    source_sentences: int


def build_corpus(folder: Path, n: int, *, html: bool = False, seed: int = DEFAULT_SEED) -> Corpus:
    """Write N distinct articles under `folder` (1000 per sub-folder), one file at a time."""
    t0 = time.perf_counter()
    pool = source_pool()
    folder.mkdir(parents=True, exist_ok=True)
    page_rng = random.Random(seed + 1)
    total = 0
    suffix = ".html" if html else ".txt"
    for i, (title, paragraphs) in enumerate(generate_articles(n, seed, pool)):
        sub = folder / f"{i // FILES_PER_FOLDER:05d}"
        if i % FILES_PER_FOLDER == 0:
            sub.mkdir(exist_ok=True)
        text = (
            _html_page(i, title, paragraphs, page_rng)
            if html
            else title + "\n" + "\n".join(paragraphs) + "\n"
        )
        data = text.encode("utf-8")
        (sub / f"article-{i:07d}{suffix}").write_bytes(data)
        total += len(data)
    return Corpus(
        folder=folder,
        articles=n,
        bytes=total,
        kind="html" if html else "text",
        seconds=time.perf_counter() - t0,
        source_files=pool.files,
        source_sentences=len(pool.sentences),
    )


def corpus_files(folder: Path) -> Iterator[Path]:
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        yield from sorted(sub.iterdir())


# --------------------------------------------------------------------------- reference

_REF: dict[str, Any] = {}


def _ref_init(kind: str) -> None:
    if kind == "text":
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _REF["nlp"] = nlp
    else:
        import trafilatura

        _REF["extract"] = trafilatura.extract


def _ref_task(kind: str, paths: list[str]) -> tuple[int, int]:
    """Read the files and tokenise + sentence-split the bodies (text) or extract the pages (html)."""
    if kind == "text":
        nlp = _REF["nlp"]
        bodies = []
        for p in paths:
            text = Path(p).read_bytes().decode("utf-8")
            bodies.append(text.split("\n", 1)[1] if "\n" in text else text)
        sents = 0
        for doc in nlp.pipe(bodies):
            sents += sum(1 for _ in doc.sents)
        return len(paths), sents
    extract = _REF["extract"]
    got = 0
    for p in paths:
        if extract(Path(p).read_bytes().decode("utf-8")):
            got += 1
    return len(paths), got


def _chunks(items: Iterator[Path], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(str(item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ref_ready() -> int:
    time.sleep(0.05)  # keep this worker busy so each warm-up task lands on another one
    return os.getpid()


def run_reference(folder: Path, kind: str, workers: int) -> dict[str, Any]:
    """Wall time of the reference over the corpus with `workers` processes.

    `seconds` includes starting the pool (importing spaCy / trafilatura in each worker),
    as the pipeline's time includes its own start; `startup_seconds` is that part alone.
    """
    t0 = time.perf_counter()
    done = units = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_ref_init, initargs=(kind,)) as ex:
        for ready in [ex.submit(_ref_ready) for _ in range(workers)]:
            ready.result()
        startup = time.perf_counter() - t0
        pending = []
        for chunk in _chunks(corpus_files(folder), REFERENCE_BATCH):
            pending.append(ex.submit(_ref_task, kind, chunk))
            while len(pending) >= 2 * workers:
                d, u = pending.pop(0).result()
                done, units = done + d, units + u
        for fut in pending:
            d, u = fut.result()
            done, units = done + d, units + u
    seconds = time.perf_counter() - t0
    what = 'spacy.blank("en") + sentencizer' if kind == "text" else "trafilatura.extract"
    return {
        "what": what,
        "seconds": seconds,
        "startup_seconds": startup,
        "work_seconds": seconds - startup,
        "documents": done,
        ("sentences" if kind == "text" else "extracted"): units,
        "articles_per_second": done / seconds if seconds else None,
    }


# --------------------------------------------------------------------------- memory


class TreeRss:
    """Samples the resident memory of this process and all its children (summed) in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._psutil = psutil
        self.proc = psutil.Process(os.getpid())
        self.interval = interval
        self.peak = 0
        self.peak_main = 0
        self.peak_children = 0
        self.samples = 0
        self.timeline: list[tuple[float, int, int]] = []
        self._cpu_first: dict[tuple[int, float], float] = {}
        self._cpu_last: dict[tuple[int, float], float] = {}
        self._before: set[tuple[int, float]] = set()
        """the descendants alive when the window opened (`__enter__`)"""
        self._t0 = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-rss", daemon=True)

    def sample(self) -> int:
        """Sum of RSS over the tree now; also keeps the peaks of the main process and children."""
        psutil = self._psutil
        try:
            main: int = self.proc.memory_info().rss  # psutil ships no type stubs
        except psutil.Error:
            main = 0
        children = 0
        try:
            kids = self.proc.children(recursive=True)
        except psutil.Error:
            kids = []
        for p in kids:
            try:
                children += p.memory_info().rss
                used = p.cpu_times()
                key = (p.pid, p.create_time())
            except psutil.Error:  # a worker ended between listing and reading
                continue
            # CPU of every descendant (the workers are the fork server's children, not this
            # process's: `RUSAGE_CHILDREN` never sees them): counted from 0 when it started
            # inside the window (it was not there when the window opened: no clock compared,
            # a process's create time is only as exact as the boot time it is counted from),
            # else from its first sample
            if key not in self._cpu_first:
                self._cpu_first[key] = used.user + used.system if key in self._before else 0.0
            self._cpu_last[key] = used.user + used.system
        self.peak_main = max(self.peak_main, main)
        self.peak_children = max(self.peak_children, children)
        self.peak = max(self.peak, main + children)
        if not self.timeline or time.perf_counter() - self._t0 - self.timeline[-1][0] >= 1.0:
            self.timeline.append((round(time.perf_counter() - self._t0, 1), main, children))
        return main + children

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRss:
        try:
            kids = self.proc.children(recursive=True)
        except self._psutil.Error:
            kids = []
        for p in kids:
            try:
                self._before.add((p.pid, p.create_time()))
            except self._psutil.Error:  # ended since it was listed
                continue
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def descendants_cpu(self) -> float:
        """User + system CPU seconds the descendants of this process used inside the window, as
        last sampled (a descendant's last <= `interval` seconds before it ended are missed)."""
        return sum(last - self._cpu_first[key] for key, last in self._cpu_last.items())

    def timeline_mib(self, points: int = 120) -> list[list[float]]:
        """[seconds, main MiB, children MiB], thinned to about `points` samples."""
        step = max(1, len(self.timeline) // points)
        return [[t, round(m / 2**20), round(c / 2**20)] for t, m, c in self.timeline[::step]]


# --------------------------------------------------------------------------- cpu time


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished (waited-for) children.

    Wall time on a shared machine depends on everyone else's load; CPU time much less,
    so the benchmark reports both. The workers are not this process's children (they are a
    fork server's) and are still alive when a run returns: `TreeRss.descendants_cpu` counts
    them (`own_cpu_seconds` + that is the process tree's CPU).
    """
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def own_cpu_seconds() -> float:
    """User + system CPU seconds of this process alone."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


# --------------------------------------------------------------------------- the benchmark


def _warehouse_counts(path: Path) -> dict[str, int]:
    from pipeline.warehouse import connect, read_sql

    con = connect(path, read_only=True)
    try:
        return {
            t: int(con.execute(read_sql("core/table_rows.sql").format(table=t)).fetchone()[0])  # type: ignore[index]
            for t in (
                "raw.documents",
                "core.inputs",
                "core.articles",
                "core.sentences",
                "core.statements",
                "core.commitments",
            )
        }
    finally:
        con.close()


def _log(msg: str) -> None:
    print(f"[bench] {datetime.now(UTC):%H:%M:%S} {msg}", file=sys.stderr, flush=True)


def run_bench(
    n: int,
    *,
    workers: int | None = None,
    html: bool = False,
    workdir: Path | None = None,
    seed: int = DEFAULT_SEED,
    rerun: bool = True,
    reference: bool = True,
) -> dict[str, Any]:
    """Build the corpus, measure the reference, run the job twice; return the figures."""
    from pipeline.config import RunConfig
    from pipeline.run import run_pipeline

    workers = max(1, workers or os.cpu_count() or 1)
    keep = workdir is not None
    root = workdir or Path(tempfile.mkdtemp(prefix="pledgewatch-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    corpus_dir, warehouse = root / "corpus", root / "warehouse" / "bench.duckdb"
    for stale in (corpus_dir, warehouse.parent, root / "reports"):
        if stale.exists():
            shutil.rmtree(stale)
    kind = "html" if html else "text"
    load_before = list(os.getloadavg())
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        _log(f"building {n} {kind} articles in {corpus_dir}")
        corpus = build_corpus(corpus_dir, n, html=html, seed=seed)
        _log(f"corpus: {corpus.bytes / 1e6:.1f} MB in {corpus.seconds:.1f}s")

        ref: dict[str, Any] | None = None
        if reference:
            _log(f"reference ({kind}) with {workers} workers")
            c0 = own_cpu_seconds()
            with TreeRss() as ref_rss:
                ref = run_reference(corpus_dir, kind, workers)
            ref["cpu_seconds"] = own_cpu_seconds() - c0 + ref_rss.descendants_cpu
            ref["peak_rss_bytes"] = ref_rss.peak
            _log(f"reference: {ref['seconds']:.2f}s")

        config = RunConfig(
            inputs=[str(corpus_dir)],
            warehouse=warehouse,
            report_dir=root / "reports",
            workers=workers,
            show_progress=False,
        )
        _log(f"pipeline run 1 with {workers} workers")
        c0 = own_cpu_seconds()
        with TreeRss() as rss:
            t0 = time.perf_counter()
            result = run_pipeline(config)
            total = time.perf_counter() - t0
        cpu = own_cpu_seconds() - c0 + rss.descendants_cpu
        _log(f"pipeline: {result.status} in {total:.2f}s, peak RSS {rss.peak / 2**20:.0f} MiB")
        stages = {s: round(float(result.stage_seconds.get(s, 0.0)), 4) for s in STAGES}

        out: dict[str, Any] = {
            "articles": n,
            "workers": workers,
            "mode": kind,
            "seed": seed,
            "articles_per_second": n / total if total else None,
            "total_seconds": round(total, 4),
            "seconds_per_article": total / n if n else None,
            "stages": stages,
            "stages_unaccounted_seconds": round(total - sum(stages.values()), 4),
            "reference_seconds": round(ref["seconds"], 4) if ref else None,
            "ratio_to_reference": (total / ref["seconds"]) if ref and ref["seconds"] else None,
            "reference": ref,
            "cpu_seconds": round(cpu, 3),
            "cpu_ms_per_article": round(1000 * cpu / n, 2) if n else None,
            "cpu_ratio_to_reference": (cpu / ref["cpu_seconds"]) if ref and ref.get("cpu_seconds") else None,
            "peak_rss_bytes": rss.peak,
            "peak_rss_main_bytes": rss.peak_main,
            "peak_rss_children_bytes": rss.peak_children,
            "peak_rss_samples": rss.samples,
            "rss_timeline_mib": rss.timeline_mib(),
            "status": result.status,
            "error": result.error,
            "inputs": result.inputs,
            "rows_added": result.counts,
            "corpus": {
                "folder": str(corpus_dir) if keep else None,
                "bytes": corpus.bytes,
                "seconds": round(corpus.seconds, 3),
                "source_files": corpus.source_files,
                "source_sentences": corpus.source_sentences,
            },
        }
        if rerun:
            _log("pipeline run 2 (same input, nothing new)")
            c0 = own_cpu_seconds()
            with TreeRss() as rss2:
                t0 = time.perf_counter()
                again = run_pipeline(config)
                total2 = time.perf_counter() - t0
            cpu2 = own_cpu_seconds() - c0 + rss2.descendants_cpu
            _log(f"re-run: {again.status} in {total2:.2f}s")
            out["rerun"] = {
                "seconds": round(total2, 4),
                "fraction_of_first": total2 / total if total else None,
                "cpu_seconds": round(cpu2, 3),
                "cpu_fraction_of_first": cpu2 / cpu if cpu else None,
                "status": again.status,
                "skipped_known": again.inputs.get("skipped_known", 0),
                "inputs": again.inputs,
                "stages": again.stage_seconds,
                "peak_rss_bytes": rss2.peak,
            }
        out["warehouse"] = {"path": str(warehouse) if keep else None, "counts": _warehouse_counts(warehouse)}
        out["machine"] = {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            # other processes on the machine skew timings: recorded, not hidden
            "load_average_before": load_before,
            "load_average_after": list(os.getloadavg()),
            "dont_write_bytecode": sys.dont_write_bytecode,
            "started_at": started_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return out
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def format_summary(r: dict[str, Any]) -> str:
    mib = 2**20
    lines = [
        f"bench: {r['articles']} {r['mode']} articles, {r['workers']} workers -> {r['status']}",
        f"  end to end      {r['total_seconds']:.2f}s  = {r['articles_per_second']:.1f} articles/s",
        "  stages          " + ", ".join(f"{k} {v:.2f}s" for k, v in r["stages"].items()),
        f"  cpu             {r['cpu_seconds']:.1f} cpu-s (process tree, user+system; "
        f"{r.get('cpu_ms_per_article') or 0:.1f} ms per article)",
        f"  peak RSS        {r['peak_rss_bytes'] / mib:.0f} MiB (process tree; main process "
        f"{r['peak_rss_main_bytes'] / mib:.0f}, workers {r['peak_rss_children_bytes'] / mib:.0f})",
    ]
    if r.get("reference"):
        ref = r["reference"]
        lines.append(
            f"  reference       {ref['what']}: {ref['seconds']:.2f}s "
            f"-> ratio {r['ratio_to_reference']:.2f} "
            f"(cpu {ref['cpu_seconds']:.1f} cpu-s -> ratio {r['cpu_ratio_to_reference']:.2f})"
        )
    if r.get("rerun"):
        rr = r["rerun"]
        lines.append(
            f"  re-run          {rr['seconds']:.2f}s = {100 * rr['fraction_of_first']:.1f}% "
            f"of the first ({rr['status']}, {rr['skipped_known']} skipped by hash)"
        )
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    if getattr(args, "small", False):
        return main_small(args)
    n = int(args.articles if args.articles is not None else 2000)
    if n < 1:
        print("bench: --articles must be at least 1", file=sys.stderr)
        return 2
    result = run_bench(
        n,
        workers=args.workers,
        html=bool(getattr(args, "html", False)),
        workdir=Path(args.keep) if getattr(args, "keep", None) else None,
        seed=int(getattr(args, "seed", None) or DEFAULT_SEED),
    )
    print(format_summary(result))
    if getattr(args, "json", None):
        print(f"  json            {_write_json(Path(args.json), result)}")
    return 0 if result["status"] == "published" else 1


def _write_json(out: Path, result: dict[str, Any]) -> Path:
    """The benchmark's figures as JSON at `out` (its folder made); returns `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------- small run: fixed cost

SMALL_ARTICLES = 15
"""Articles in the fixed-cost measurement (`pledgewatch bench --small`)."""


def shared_dir() -> Path:
    """The shared folder beside the repository (gold sets), or `PLEDGEWATCH_SHARED`."""
    value = os.environ.get("PLEDGEWATCH_SHARED")
    return Path(value) if value else PROJECT_ROOT.parent / "shared"


def small_inputs(n: int = SMALL_ARTICLES, shared: Path | None = None) -> list[Path]:
    """N annotated training articles (`gold/train-*/input/*.txt`), spread evenly over the
    sorted list, so every training set is drawn from; the same N files every time."""
    files = sorted((shared or shared_dir()).glob("gold/train-*/input/*.txt"))
    if len(files) < n:
        raise FileNotFoundError(f"need {n} articles under {shared or shared_dir()}/gold/train-*/input/")
    return [files[(i * len(files)) // n] for i in range(n)]


_MEASURE = r"""
import ctypes, json, os, resource, subprocess, sys, time

# a subreaper: the run's children that outlive it (the worker pool's fork server and the
# workers it started) are handed to this process when the run ends, and waited for here,
# so their CPU time counts; without it they go to init and their time is lost
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except Exception:
    pass
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
wall = time.perf_counter() - t0
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.02)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": proc.returncode,
           "stdout": proc.stdout, "stderr": proc.stderr}, sys.stdout)
"""
"""Runs a command and reports its wall time and the CPU time of its whole process tree."""


def _cli_run(
    inputs: Path,
    warehouse: Path,
    reports: Path,
    workers: int | None,
    env: dict[str, str],
    checkout: Path = PROJECT_ROOT,
) -> dict[str, Any]:
    """`pledgewatch run` in a fresh interpreter: its wall seconds, the CPU seconds (user +
    system) of its process tree (worker processes included), and its `--json` result."""
    import subprocess

    cmd = [sys.executable, "-m", "pipeline.cli", "run", "--quiet", "--json"]
    cmd += ["--input", str(inputs), "--warehouse", str(warehouse), "--report-dir", str(reports)]
    if workers:
        cmd += ["--workers", str(workers)]
    # run from the checkout: `-m pipeline.cli` imports the checkout's package
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env, cwd=checkout
    )
    try:
        run = json.loads(measured.stdout)
    except ValueError:
        run = {"wall": 0.0, "cpu": 0.0, "code": -1, "stdout": "", "stderr": measured.stderr}
    wall = float(run["wall"])
    try:
        result: dict[str, Any] = json.loads(run["stdout"])
    except ValueError:
        result = {"status": f"no JSON (exit {run['code']})", "error": str(run["stderr"])[-2000:]}
    stages = {k: round(float(v), 3) for k, v in (result.get("stage_seconds") or {}).items()}
    return {
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(float(run["cpu"]), 3),
        "exit_code": int(run["code"]),
        "status": result.get("status"),
        "error": result.get("error"),
        "inputs": result.get("inputs") or {},
        "stages": stages,
        "outside_stages_seconds": round(wall - sum(stages.values()), 3),
    }


def run_small_bench(
    n: int = SMALL_ARTICLES,
    *,
    repeat: int = 3,
    workers: int | None = None,
    workdir: Path | None = None,
    checkout: Path = PROJECT_ROOT,
) -> dict[str, Any]:
    """The fixed cost of a small run: `pledgewatch run` (the CLI, a fresh interpreter, a
    fresh warehouse) on N articles, then again on the same folder (nothing new), `repeat`
    times; each figure's minimum over the repeats is what counts on a shared machine.
    `checkout`: the copy of the project whose `pledgewatch run` is measured (another copy,
    e.g. the code before a change, is measured with the same articles and figures)."""
    files = small_inputs(n)
    root = workdir or Path(tempfile.mkdtemp(prefix="pledgewatch-small-"))
    root.mkdir(parents=True, exist_ok=True)
    drop = root / "drop"
    if drop.exists():
        shutil.rmtree(drop)
    drop.mkdir()
    for k, f in enumerate(files):  # a set prefix: two sets may use the same file name
        shutil.copyfile(f, drop / f"{k:02d}-{f.parent.parent.name}-{f.name}")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    load_before = list(os.getloadavg())
    rounds: list[dict[str, Any]] = []
    try:
        for k in range(max(1, repeat)):
            run_dir = root / f"round-{k}"
            if run_dir.exists():
                shutil.rmtree(run_dir)
            warehouse, reports = run_dir / "w.duckdb", run_dir / "reports"
            _log(f"round {k + 1}/{repeat}: {n} articles, fresh warehouse")
            first = _cli_run(drop, warehouse, reports, workers, env, checkout)
            _log(
                f"  new: {first['status']} {first['wall_seconds']:.2f}s wall, "
                f"{first['cpu_seconds']:.2f} cpu-s"
            )
            again = _cli_run(drop, warehouse, reports, workers, env, checkout)
            _log(f"  nothing new: {again['status']} {again['wall_seconds']:.2f}s wall")
            rounds.append({"new": first, "nothing_new": again})
    finally:
        if workdir is None:
            shutil.rmtree(root, ignore_errors=True)

    def best(kind: str) -> dict[str, Any]:
        runs = [r[kind] for r in rounds]
        stage_names = list(dict.fromkeys(s for r in runs for s in r["stages"]))
        return {
            "wall_seconds_min": min(r["wall_seconds"] for r in runs),
            "cpu_seconds_min": min(r["cpu_seconds"] for r in runs),
            "wall_seconds": [r["wall_seconds"] for r in runs],
            "cpu_seconds": [r["cpu_seconds"] for r in runs],
            "stages_min": {s: min(r["stages"].get(s, 0.0) for r in runs) for s in stage_names},
            "outside_stages_seconds_min": min(r["outside_stages_seconds"] for r in runs),
            "statuses": [r["status"] for r in runs],
        }

    return {
        "articles": n,
        "files": [str(f) for f in files],
        "repeat": len(rounds),
        "workers": workers,
        "checkout": str(checkout),
        "dont_write_bytecode": bool(env.get("PYTHONDONTWRITEBYTECODE")),
        "new": best("new"),
        "nothing_new": best("nothing_new"),
        "rounds": rounds,
        "machine": {
            "cpu_count": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": list(os.getloadavg()),
        },
    }


def format_small_summary(r: dict[str, Any]) -> str:
    lines = [
        f"bench --small: {r['articles']} articles, `pledgewatch run` x {r['repeat']} (min of the rounds)"
    ]
    for kind, label in (("new", "new articles"), ("nothing_new", "nothing new ")):
        b = r[kind]
        lines.append(
            f"  {label}  {b['wall_seconds_min']:.2f}s wall, {b['cpu_seconds_min']:.2f} cpu-s "
            f"(walls {', '.join(f'{w:.2f}' for w in b['wall_seconds'])}; "
            f"{', '.join(map(str, b['statuses']))})"
        )
        lines.append(
            "      stages  "
            + ", ".join(f"{k} {v:.2f}" for k, v in b["stages_min"].items())
            + f"; outside the stages {b['outside_stages_seconds_min']:.2f}"
        )
    m = r["machine"]
    lines.append(f"  load average  {m['load_average_before'][0]:.2f} -> {m['load_average_after'][0]:.2f}")
    return "\n".join(lines)


def main_small(args: argparse.Namespace) -> int:
    result = run_small_bench(
        int(args.articles if getattr(args, "articles", None) is not None else SMALL_ARTICLES),
        repeat=int(getattr(args, "repeat", None) or 3),
        workers=args.workers,
        workdir=Path(args.keep) if getattr(args, "keep", None) else None,
        checkout=Path(args.checkout) if getattr(args, "checkout", None) else PROJECT_ROOT,
    )
    print(format_small_summary(result))
    if getattr(args, "json", None):
        print(f"  json          {_write_json(Path(args.json), result)}")
    ok = all(
        r["new"]["status"] == "published" and r["nothing_new"]["status"] == "nothing_new"
        for r in result["rounds"]
    )
    return 0 if ok else 1
