"""Train pledgewatch's English pipeline (tagger/morphologizer, rule lemmatizer, dependency
parser) from the gold UD treebanks in ../shared/data/ud, and ship it in the package.

    python scripts/train_parser.py [--ud DIR] [--work DIR] [--max-steps N] [--evaluate-only]

Steps (each a plain spaCy command, so the run is the one `spacy train` documents):

1. `spacy convert` the CoNLL-U files of UD English EWT and GUM (train, dev, test) to
   DocBin files under --work (default build/parser), ten sentences a document;
2. `spacy train training/parser/config.cfg` on EWT + GUM train, choosing the best
   checkpoint on EWT + GUM dev (seeded: [system] seed in the config);
3. copy the best checkpoint to pipeline/resources/models/<name>/ with its meta;
4. `spacy evaluate` it on the untouched EWT and GUM test splits and write the figures
   (UPOS, UAS, LAS, lemma accuracy, words/s) to training/parser/metrics.json.

The data folder comes from --ud, else $PLEDGEWATCH_SHARED/data/ud, else
<project root>/../shared/data/ud. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "training" / "parser" / "config.cfg"
METRICS = ROOT / "training" / "parser" / "metrics.json"
MODEL_NAME = "en_pledgewatch_ud"
MODEL_VERSION = "0.1.0"
MODEL_DIR = ROOT / "pipeline" / "resources" / "models" / MODEL_NAME
TREEBANKS = {
    "ewt": "ewt/en_ewt-ud-{split}.conllu.gz",
    "gum": "gum/en_gum-permissive-{split}.conllu.gz",
}


def default_ud() -> Path:
    shared = os.environ.get("PLEDGEWATCH_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "data" / "ud"


def spacy(*args: str) -> None:
    cmd = [sys.executable, "-m", "spacy", *args]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def convert(ud: Path, work: Path) -> None:
    for split in ("train", "dev", "test"):
        out = work / split
        out.mkdir(parents=True, exist_ok=True)
        for name, pattern in TREEBANKS.items():
            target = out / f"{name}.spacy"
            if target.exists():
                continue
            src = ud / pattern.format(split=split)
            conllu = work / "conllu" / f"{name}-{split}.conllu"
            conllu.parent.mkdir(parents=True, exist_ok=True)
            with gzip.open(src, "rb") as fin, conllu.open("wb") as fout:
                shutil.copyfileobj(fin, fout)
            tmp = work / "convert" / split / name
            tmp.mkdir(parents=True, exist_ok=True)
            spacy("convert", str(conllu), str(tmp), "--converter", "conllu", "-n", "10")
            (tmp / f"{conllu.stem}.spacy").replace(target)


def train(work: Path, max_steps: int | None) -> Path:
    out = work / "output"
    extra = ["--training.max_steps", str(max_steps)] if max_steps else []
    spacy(
        "train",
        str(CONFIG),
        "--output",
        str(out),
        "--paths.train",
        str(work / "train"),
        "--paths.dev",
        str(work / "dev"),
        *extra,
    )
    return out / "model-best"


def ship(best: Path) -> None:
    if MODEL_DIR.exists():
        shutil.rmtree(MODEL_DIR)
    shutil.copytree(best, MODEL_DIR)
    meta_path = MODEL_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "pledgewatch_ud",
            "version": MODEL_VERSION,
            "description": "English morphologizer (UPOS + features), rule lemmatizer and dependency "
            "parser trained by scripts/train_parser.py on UD English EWT and GUM (reusable genres).",
            "license": "CC BY-SA 4.0 (UD English EWT); GUM annotations CC BY 4.0",
            "sources": [
                {"name": "UD English EWT", "author": "Silveira et al. 2014", "license": "CC BY-SA 4.0"},
                {"name": "GUM (reusable genres)", "author": "Zeldes 2017", "license": "CC BY 4.0 / CC BY-SA"},
            ],
        }
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def evaluate(work: Path, model: Path) -> dict:
    figures: dict = {}
    for name in TREEBANKS:
        out = work / f"eval-{name}.json"
        spacy("evaluate", str(model), str(work / "test" / f"{name}.spacy"), "--output", str(out))
        r = json.loads(out.read_text(encoding="utf-8"))
        figures[f"{name}_test"] = {
            "upos": round(r["pos_acc"], 4),
            "morph": round(r["morph_acc"], 4),
            "lemma": round(r["lemma_acc"], 4) if r.get("lemma_acc") is not None else None,
            "uas": round(r["dep_uas"], 4),
            "las": round(r["dep_las"], 4),
            "words_per_second": int(r["speed"]),
        }
    size = sum(p.stat().st_size for p in model.rglob("*") if p.is_file())
    figures["model"] = {"name": MODEL_NAME, "version": MODEL_VERSION, "bytes": size}
    METRICS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ud", type=Path, default=default_ud())
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "parser")
    ap.add_argument(
        "--max-steps", type=int, default=None, help="override [training] max_steps (default: the config's)"
    )
    ap.add_argument(
        "--evaluate-only", action="store_true", help="evaluate the shipped model on the test splits"
    )
    ap.add_argument(
        "--ship-only", action="store_true", help="ship --work's best checkpoint so far, then evaluate it"
    )
    args = ap.parse_args(argv)
    if not (args.ud / "ewt").is_dir():
        print(f"UD treebanks not found at {args.ud} (set --ud or PLEDGEWATCH_SHARED)", file=sys.stderr)
        return 2
    convert(args.ud, args.work)
    if not (args.evaluate_only or args.ship_only):
        ship(train(args.work, args.max_steps))
    elif args.ship_only:
        ship(args.work / "output" / "model-best")
    evaluate(args.work, MODEL_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
