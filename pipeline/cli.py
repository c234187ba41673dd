"""`pledgewatch` command line: run, extract, eval, validate, export, bench.

Each subcommand is a thin wrapper over a `pipeline` function; the DAG calls the
same functions. Results go to standard output (`run --json`: machine-readable); progress,
warnings and errors go to standard error through `logging` (set up here, once).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from pipeline.config import RunConfig

log = logging.getLogger("pipeline.cli")


class _Formatter(logging.Formatter):
    """`[pledgewatch] message`; warnings and errors say so."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING and not getattr(record, "final", False):
            message = f"{record.levelname.lower()}: {message}"
        if record.exc_info and record.levelno <= logging.DEBUG:
            message += "\n" + self.formatException(record.exc_info)
        return f"[pledgewatch] {message}"


class _QuietFilter(logging.Filter):
    """With --quiet: warnings, errors and the run's closing status line only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or bool(getattr(record, "final", False))


def setup_logging(*, quiet: bool = False, verbose: bool = False) -> None:
    """The CLI's handler: the `pipeline` loggers to standard error (progress at INFO)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    if quiet:
        handler.addFilter(_QuietFilter())
    logger = logging.getLogger("pipeline")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def _cmd_run(args: argparse.Namespace) -> int:
    from pipeline.run import run_pipeline

    config = RunConfig()
    if args.input:
        config.inputs = list(args.input)
    if args.warehouse:
        from pipeline.warehouse.lake import warehouse_location

        config.warehouse = warehouse_location(args.warehouse)
    if args.report_dir:
        config.report_dir = Path(args.report_dir)
    if args.workers:
        config.workers = args.workers
    if args.max_bytes:
        config.max_bytes = args.max_bytes
    if args.allow_private_hosts:
        config.allow_private_hosts = True
    if args.follow_symlinks:
        config.follow_symlinks = True
    config.lock_timeout = args.wait
    config.show_progress = not args.quiet
    result = run_pipeline(config)
    log.info(
        "run %s: %s (exit %d)", result.run_id, result.status.upper(), result.exit_code, extra={"final": True}
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, sort_keys=True))
    else:
        print(result.summary())
    return result.exit_code


def _cmd_export(args: argparse.Namespace) -> int:
    """A core or mart table to CSV or Parquet (standard output unless --out)."""
    from pipeline.export import ExportError, export_table
    from pipeline.warehouse import WarehouseBusy, connect
    from pipeline.warehouse.lake import warehouse_location

    warehouse = warehouse_location(args.warehouse) if args.warehouse else RunConfig().warehouse
    if not isinstance(warehouse, str) and not Path(warehouse).exists():
        log.error("no warehouse at %s (run `pledgewatch run` first, or pass --warehouse)", warehouse)
        return 2
    out = Path(args.out) if args.out else None
    try:
        con = connect(warehouse, read_only=True)
    except WarehouseBusy as exc:
        log.error("%s; try again when the run has finished", exc)
        return 75
    try:
        table, rows = export_table(con, args.table, args.format, out)
    except ExportError as exc:
        log.error("%s", exc)
        return 2
    finally:
        con.close()
    log.info("exported %s: %d row(s) as %s to %s", table, rows, args.format, out or "standard output")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    """Extraction only, no warehouse: one JSON document per input, as the scorer reads them."""
    from pipeline.extract import extract_document
    from pipeline.ingest import discover
    from pipeline.models import Article
    from pipeline.parse import parse_document

    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out_path.open("w", encoding="utf-8") as out:
        for raw in discover(args.paths, RunConfig()):
            parsed = parse_document(raw)
            if not isinstance(parsed, Article):
                log.warning("skipped %s: %s", raw.source, parsed.reason)
                continue
            doc = extract_document(parsed.body, doc_id=parsed.doc_id, title=parsed.title)
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    log.info("wrote %d document(s) to %s", n, out_path)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.extract.evaluate import main as eval_main

    return eval_main(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from pipeline.quality import validate_command

    return validate_command(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    from pipeline.bench import main as bench_main

    return bench_main(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pledgewatch", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = p.add_subparsers(dest="command", required=True)
    # the dependency parser extraction uses, for every command that extracts
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument(
        "--spacy-model",
        metavar="NAME_OR_PATH",
        help="spaCy pipeline that parses sentences: an installed package name "
        "(en_core_web_trf) or a folder; 'off' for none (default: the shipped "
        "en_pledgewatch_ud; env PLEDGEWATCH_SPACY_MODEL)",
    )

    r = sub.add_parser(
        "run", parents=[model], help="ingest -> parse -> extract -> load -> validate -> publish -> report"
    )
    r.add_argument(
        "--input",
        action="append",
        metavar="PATH",
        help="folder, file, URL or sources file (repeatable; default: seeds/)",
    )
    r.add_argument(
        "--warehouse",
        metavar="FILE|URL",
        help="DuckDB file (default: warehouse/pledgewatch.duckdb; env "
        "PLEDGEWATCH_WAREHOUSE) or a DuckLake URL, e.g. 'ducklake:postgres:dbname=pw "
        "host=db?data_path=/srv/lake/' or 'ducklake:lake/catalog.ducklake'",
    )
    r.add_argument("--report-dir", metavar="DIR", help="report folder (default: reports/)")
    r.add_argument("--workers", type=int, help="processes for parse/extract (default: all cores)")
    r.add_argument("--max-bytes", type=int, help="reject inputs larger than this (default 5 MB)")
    r.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="fetch URLs on loopback, private and link-local addresses (default: refused; "
        "env PLEDGEWATCH_ALLOW_PRIVATE_HOSTS=1)",
    )
    r.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symlinks in an input folder that point outside it (default: refused)",
    )
    r.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another run on the same warehouse (default: exit at once)",
    )
    r.add_argument(
        "--quiet",
        action="store_true",
        help="no progress on stderr: warnings, errors and the closing status only",
    )
    r.add_argument("--json", action="store_true", help="the run's summary on stdout as JSON")
    r.set_defaults(func=_cmd_run)

    x = sub.add_parser("export", help="write a core or mart table as CSV or Parquet (DuckDB COPY)")
    x.add_argument("table", metavar="TABLE", help="e.g. marts.fct_commitments or fct_commitments")
    x.add_argument("--format", choices=("csv", "parquet"), default="csv", help="default: csv")
    x.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    x.add_argument("--warehouse", metavar="FILE|URL", help="DuckDB file or DuckLake URL")
    x.set_defaults(func=_cmd_export)

    e = sub.add_parser(
        "extract", parents=[model], help="extraction only: JSON lines in the shape of extraction.md"
    )
    e.add_argument("paths", nargs="+", metavar="PATH")
    e.add_argument("--out", required=True, metavar="FILE.jsonl")
    e.set_defaults(func=_cmd_extract)

    ev = sub.add_parser(
        "eval", parents=[model], help="score the extraction on a gold set (same figures as score.py)"
    )
    ev.add_argument("--gold", required=True, metavar="DIR")
    ev.add_argument("--brat", action="store_true", help="gold is PolNeAR-style BRAT (text/, attributions/)")
    ev.add_argument("--worst", type=int, default=5, help="how many worst documents to list")
    ev.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    ev.add_argument("--pred-out", metavar="FILE.jsonl", help="keep the predictions")
    ev.set_defaults(func=_cmd_eval)

    v = sub.add_parser("validate", help="run the quality suites over the current core tables")
    v.add_argument("--warehouse", metavar="FILE|URL", help="DuckDB file or DuckLake URL")
    v.set_defaults(func=_cmd_validate)

    b = sub.add_parser("bench", parents=[model], help="benchmark the whole job on a generated corpus")
    b.add_argument("--articles", type=int, help="articles (default: 2000; with --small: 15)")
    b.add_argument("--workers", type=int)
    b.add_argument(
        "--small",
        action="store_true",
        help="fixed cost: `pledgewatch run` on 15 training articles, then again with nothing new",
    )
    b.add_argument("--repeat", type=int, default=3, help="with --small: rounds, the minimum counts")
    b.add_argument(
        "--checkout",
        metavar="DIR",
        help="with --small: measure the `pledgewatch run` of another copy of the project",
    )
    b.add_argument("--json", metavar="OUT")
    b.add_argument("--html", action="store_true", help="benchmark HTML pages instead of text")
    b.add_argument("--keep", metavar="DIR", help="keep the corpus and warehouse here")
    b.set_defaults(func=_cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    from pipeline.ingest import IngestError
    from pipeline.warehouse import WarehouseError

    args = build_parser().parse_args(argv)
    setup_logging(quiet=bool(getattr(args, "quiet", False)), verbose=bool(getattr(args, "verbose", False)))
    if getattr(args, "spacy_model", None):
        from pipeline.nlp import MODEL_ENV

        # the environment, so that worker processes parse with the same pipeline
        os.environ[MODEL_ENV] = args.spacy_model
    try:
        return int(args.func(args) or 0)
    except (WarehouseError, IngestError) as exc:
        print(f"pledgewatch: {exc}", file=sys.stderr)  # one line, whatever the log level
        return 2


if __name__ == "__main__":
    sys.exit(main())
