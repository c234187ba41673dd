"""CPU per article of parse + extraction in one process (docs/benchmark.md, sessions 9 and 11).

usage: python scripts/profile_extract.py [--articles 400] [--repeat 3] [--rows OUT.json]
                                         [--profile OUT.prof] [--folder DIR]

Builds (once) the benchmark's corpus of N text articles (`pipeline.bench.build_corpus`, the
default seed), warms the worker up (`pipeline.workers.warm_up`), then runs
`pipeline.process.process_batch` over all N articles `--repeat` times and prints the CPU
(`time.process_time`, not wall: the machine is shared) per article of each round. `--rows`
writes the staging rows of the last round without their run/time fields (to compare two
checkouts byte for byte); `--profile` runs one more round under cProfile and prints its top
entries by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VOLATILE = ("run_id", "recorded_at", "extracted_at", "loaded_at")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", type=Path)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args(argv)

    from pipeline.bench import build_corpus
    from pipeline.config import RunConfig
    from pipeline.ingest import discover
    from pipeline.process import process_batch
    from pipeline.workers import warm_up

    folder = args.folder or Path(tempfile.gettempdir()) / f"pledgewatch-profile-{args.articles}"
    if not folder.exists():
        build_corpus(folder, args.articles)
    raws = list(discover([str(folder)], RunConfig(inputs=[str(folder)])))
    warm_up()
    result: Any = None
    figures: list[float] = []
    for _ in range(args.repeat):
        c0 = time.process_time()
        result = process_batch(raws, "profile", "2026-01-01T00:00:00+00:00")
        figures.append(1000 * (time.process_time() - c0) / len(raws))
        print(f"{len(raws)} articles: {figures[-1]:.1f} ms CPU/article", flush=True)
    if figures:
        print(f"min {min(figures):.1f}, median {sorted(figures)[len(figures) // 2]:.1f} ms CPU/article")
    if args.rows and result is not None:
        keep = {k: v for k, v in result.rows.items() if k not in ("documents", "inputs")}
        for rows in keep.values():
            for row in rows:
                for name in VOLATILE:
                    row.pop(name, None)
        args.rows.write_text(json.dumps(keep, sort_keys=True, default=str, indent=0))
        print({k: len(v) for k, v in keep.items()})
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        process_batch(raws, "profile", "2026-01-01T00:00:00+00:00")
        prof.disable()
        prof.dump_stats(str(args.profile))
        pstats.Stats(str(args.profile), stream=sys.stdout).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
