"""Find inputs and yield their bytes as RawDocuments: folders, files, feeds, sources files, URLs.

`discover` streams: one document at a time, in a stable order (inputs in the
order given, a folder's files sorted by path, a file's records or entries in
file order). It never raises for one bad input; that input becomes a
RawDocument with `error` set (the parser turns it into a Rejection with that
reason). Only a top-level path that does not exist raises IngestError.

Inputs:

- a folder: walked recursively (hidden files and folders skipped), files by suffix;
- `.txt` (first line title, rest body), `.html` / `.htm`;
- `.json`: one article record, or a list of records; `.jsonl`: one record per
  line (doc_id = the record's `id` or `<stem>-<line no>`);
- `.xml` / `.rss` / `.atom`: a feed, one document per entry;
- `*.sources` or `sources.txt`: one URL per line, `#` comments;
- an http(s) URL; any other scheme (file:, ftp:, javascript: ...) is refused, and so is
  a URL or redirect on an internal address unless `allow_private_hosts` (fetch.py).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from pipeline.config import PROJECT_ROOT, RunConfig
from pipeline.ingest.feeds import feed_documents, looks_like_feed
from pipeline.ingest.fetch import Fetcher, refusal
from pipeline.models import RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


class IngestError(Exception):
    """An input location that cannot be read at all (missing path)."""


KIND_BY_SUFFIX = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
RECORD_FIELDS = ("id", "title", "url", "published_at", "source", "author", "language", "site_name")
"""Fields of a JSON article record copied into RawDocument.metadata (body/html stay in content)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def source_name(path: Path, *, follow: bool = True) -> str:
    """How a file is named in the warehouse: relative to the project root when inside it
    (the same on every clone), else its absolute path. Input keys derive from it.
    `follow=False` (or a link that cannot be resolved): the link's own path."""
    try:
        resolved = path.resolve() if follow else Path(os.path.abspath(path))
    except (OSError, RuntimeError):  # a symlink loop
        resolved = Path(os.path.abspath(path))
    try:
        return str(resolved.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(resolved)


def is_sources_file(path: Path) -> bool:
    return path.suffix.lower() == ".sources" or path.name.lower() == "sources.txt"


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Entries under `root` that are not folders, sorted by path, hidden ones skipped, as
    (path, None), or (folder, reason) for a folder that cannot be listed. Folders are entered
    (symlinks to folders are not); nothing is followed or opened here, so one bad entry (a
    symlink loop, a FIFO, an unreadable folder) never stops the walk. Iterative: any depth."""

    def listing(folder: Path) -> Iterator[os.DirEntry[str]] | str:
        try:
            with os.scandir(folder) as it:
                return iter(sorted(it, key=lambda e: e.name))
        except OSError as exc:
            return f"cannot read folder: {exc.strerror or exc}"

    first = listing(root)
    if isinstance(first, str):
        yield root, first
        return
    stack = [first]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            sub = listing(path)
            if isinstance(sub, str):
                yield path, sub
            else:
                stack.append(sub)
        else:
            yield path, None


class NotReadable(Exception):
    """A drop-folder entry that is not read: the reason is the message."""


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def open_regular(path: Path) -> int:
    """An fd for a regular file; FIFOs, devices, sockets and folders are refused without
    blocking (O_NONBLOCK: opening a FIFO with no writer would wait forever)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise NotReadable(f"read failed: {_os_reason(exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise NotReadable(f"read failed: {_os_reason(exc)}") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotReadable(f"not a regular file ({_file_kind(mode)}): only regular files are read")
    return fd


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT and exc.filename is not None:
        return "no such file (a broken symlink?)"
    return str(exc.strerror or exc)


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_capped(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most `limit`: reading stops at limit + 1 bytes whatever
    `stat` says (a /proc file says 0 bytes and has more); more raises NotReadable."""
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise NotReadable(f"over the size limit ({size} > {limit} bytes)")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise NotReadable(f"read failed: {_os_reason(exc)}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise NotReadable(f"over the size limit (more than {limit} bytes read; the file said {size})")
    return b"".join(chunks)


def _url_doc_id(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "url"
    name = PurePosixPath(unquote(parts.path)).name
    stem = PurePosixPath(name).stem if name else ""
    return stem or parts.netloc or "url"


class _Discovery:
    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    # -- errors --------------------------------------------------------------------------
    def _error(
        self,
        source: str,
        kind: str,
        doc_id: str,
        error: str,
        content: bytes = b"",
        metadata: dict[str, Any] | None = None,
    ) -> RawDocument:
        return RawDocument(
            source=source,
            content=content,
            source_kind=kind,
            fetched_at=_now(),
            doc_id=doc_id,
            metadata=metadata or {},
            error=error,
        )

    # -- top level -----------------------------------------------------------------------
    def input(self, item: str) -> Iterator[RawDocument]:
        path = Path(item)
        if _SCHEME.match(item) and not path.exists():
            yield from self.url(item.strip())
            return
        if not path.exists() and not path.is_symlink():
            raise IngestError(f"input not found: {item}")
        if path.is_dir():
            root = os.path.realpath(path)
            for f, error in _walk(path):
                if error is not None:
                    yield self._error(source_name(f, follow=False), "unknown", f.name, error)
                elif is_sources_file(f) or f.suffix.lower() in KIND_BY_SUFFIX:
                    yield from self._entry(f, root)
        else:
            yield from self._entry(path, None)

    def _entry(self, path: Path, root: str | None) -> Iterator[RawDocument]:
        """One file's documents; a failure ends this file only, with an error document."""
        try:
            yield from self.file(path, explicit=root is None, root=root)
        except Exception as exc:  # a bug or a library failure: record it, go on with the next
            yield self._error(
                source_name(path, follow=False),
                "unknown",
                path.stem or "input",
                f"ingest failed: {type(exc).__name__}: {exc}"[:500],
            )

    def file(self, path: Path, explicit: bool = False, root: str | None = None) -> Iterator[RawDocument]:
        suffix = path.suffix.lower()
        sources = is_sources_file(path)
        kind = "url" if sources else KIND_BY_SUFFIX.get(suffix, "unknown")
        if kind == "unknown" and not explicit:
            return
        if root is not None and path.is_symlink():
            # a link in the drop folder: followed only to a file inside the folder
            target = os.path.realpath(path)
            try:
                os.stat(path)
            except OSError as exc:
                yield self._error(
                    source_name(path, follow=False), kind, path.stem, f"read failed: {_os_reason(exc)}"
                )
                return
            if not _within(target, root) and not self.config.follow_symlinks:
                yield self._error(
                    source_name(path, follow=False),
                    kind,
                    path.stem,
                    f"refused: symlink to a file outside the input folder "
                    f"({target}; --follow-symlinks allows it)",
                )
                return
        source = source_name(path)
        if suffix == ".jsonl":  # the size limit applies to each line
            yield from self.jsonl(path)
            return
        if sources:
            yield from self.sources_file(path)
            return
        try:
            content = read_capped(path, self.config.max_bytes)
        except NotReadable as exc:
            yield self._error(source, kind, path.stem, str(exc))
            return
        fetched_at = _now()
        if kind == "feed":
            yield from feed_documents(
                content, source=source, stem=path.stem, fetched_at=fetched_at, fetch_link=self._fetch_link
            )
        elif suffix == ".json":
            yield from self.json_file(path, content, fetched_at)
        else:
            yield RawDocument(
                source=source, content=content, source_kind=kind, fetched_at=fetched_at, doc_id=path.stem
            )

    # -- JSON records ----------------------------------------------------------------------
    @staticmethod
    def _record_metadata(record: dict[str, Any]) -> dict[str, Any]:
        return {k: record[k] for k in RECORD_FIELDS if record.get(k) is not None}

    def json_file(self, path: Path, content: bytes, fetched_at: str) -> Iterator[RawDocument]:
        source = source_name(path)
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            yield RawDocument(
                source=source,
                content=content,
                source_kind="json",
                fetched_at=fetched_at,
                doc_id=path.stem,
                error=f"invalid JSON: {_json_reason(exc)}",
            )
            return
        if isinstance(data, dict):
            yield RawDocument(
                source=source,
                content=content,
                source_kind="json",
                fetched_at=fetched_at,
                doc_id=path.stem,
                metadata=self._record_metadata(data),
            )
            return
        if not isinstance(data, list):
            yield RawDocument(
                source=source,
                content=content,
                source_kind="json",
                fetched_at=fetched_at,
                doc_id=path.stem,
                error=f"JSON is a {type(data).__name__}, not an article record",
            )
            return
        for n, record in enumerate(data, start=1):
            try:
                record_bytes = json.dumps(record, ensure_ascii=False).encode("utf-8")
            except (ValueError, RecursionError) as exc:
                yield RawDocument(
                    source=source,
                    content=b"",
                    source_kind="json",
                    fetched_at=fetched_at,
                    doc_id=f"{path.stem}-{n}",
                    error=f"JSON record {n}: {_json_reason(exc)}",
                )
                continue
            if not isinstance(record, dict):
                yield RawDocument(
                    source=source,
                    content=record_bytes,
                    source_kind="json",
                    fetched_at=fetched_at,
                    doc_id=f"{path.stem}-{n}",
                    error=f"JSON record {n} is not an object",
                )
                continue
            doc_id = str(record.get("id") or f"{path.stem}-{n}")
            yield RawDocument(
                source=source,
                content=record_bytes,
                source_kind="json",
                fetched_at=fetched_at,
                doc_id=doc_id,
                metadata=self._record_metadata(record),
            )

    def jsonl(self, path: Path) -> Iterator[RawDocument]:
        """One document per line, read line by line (a line longer than max_bytes is cut off)."""
        source, limit = source_name(path), self.config.max_bytes
        try:
            handle = os.fdopen(open_regular(path), "rb")
        except NotReadable as exc:
            yield self._error(source, "json", path.stem, str(exc))
            return
        with handle:
            line_no = 0
            while True:
                line = handle.readline(limit + 1)
                if not line:
                    break
                line_no += 1
                doc_id = f"{path.stem}-{line_no}"
                if len(line) > limit and not line.endswith(b"\n"):
                    size = len(line)
                    while True:  # skip the rest of the over-long line
                        rest = handle.readline(1024 * 1024)
                        size += len(rest)
                        if not rest or rest.endswith(b"\n"):
                            break
                    yield self._error(
                        source,
                        "json",
                        doc_id,
                        f"over the size limit (line {line_no}: {size} > {limit} bytes)",
                        content=line[:limit],
                    )
                    continue
                content = line.rstrip(b"\r\n")
                if not content.strip():
                    continue
                fetched_at = _now()
                try:
                    record = json.loads(content.decode("utf-8-sig"))
                except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                    yield RawDocument(
                        source=source,
                        content=content,
                        source_kind="json",
                        fetched_at=fetched_at,
                        doc_id=doc_id,
                        error=f"invalid JSON on line {line_no}: {_json_reason(exc)}",
                    )
                    continue
                if not isinstance(record, dict):
                    yield RawDocument(
                        source=source,
                        content=content,
                        source_kind="json",
                        fetched_at=fetched_at,
                        doc_id=doc_id,
                        error=f"JSON on line {line_no} is a {type(record).__name__}, not an article record",
                    )
                    continue
                yield RawDocument(
                    source=source,
                    content=content,
                    source_kind="json",
                    fetched_at=fetched_at,
                    doc_id=str(record.get("id") or doc_id),
                    metadata=self._record_metadata(record),
                )

    # -- URLs ------------------------------------------------------------------------------
    def sources_file(self, path: Path) -> Iterator[RawDocument]:
        try:
            content = read_capped(path, self.config.max_bytes)
        except NotReadable as exc:
            yield self._error(source_name(path), "url", path.stem, str(exc))
            return
        for line in content.decode("utf-8-sig", errors="replace").splitlines():
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            yield from self.url(url)

    def url(self, url: str) -> Iterator[RawDocument]:
        doc_id = _url_doc_id(url)
        reason = refusal(url)
        if reason:
            yield self._error(url, "url", doc_id, reason)
            return
        result = self.fetcher.fetch(url)
        metadata: dict[str, Any] = {"content_type": result.content_type, "final_url": result.final_url}
        if result.status is not None:
            metadata["status"] = result.status
        if result.error:
            yield self._error(url, "url", doc_id, result.error, content=result.content, metadata=metadata)
            return
        fetched_at = _now()
        if looks_like_feed(result.content, result.content_type):
            yield from feed_documents(
                result.content, source=url, stem=doc_id, fetched_at=fetched_at, fetch_link=self._fetch_link
            )
            return
        yield RawDocument(
            source=url,
            content=result.content,
            source_kind=_kind_for(result.content_type),
            fetched_at=fetched_at,
            doc_id=doc_id,
            metadata=metadata,
        )

    def _fetch_link(self, link: str, entry: dict[str, Any], doc_id: str) -> RawDocument:
        """A feed entry without content: fetch its link (http(s) only) as the entry's document."""
        reason = refusal(link)
        if reason:
            return self._error(link, "url", doc_id, reason, metadata=entry)
        result = self.fetcher.fetch(link)
        metadata = {**entry, "content_type": result.content_type, "final_url": result.final_url}
        if result.error:
            return self._error(link, "url", doc_id, result.error, content=result.content, metadata=metadata)
        return RawDocument(
            source=link,
            content=result.content,
            source_kind=_kind_for(result.content_type),
            fetched_at=_now(),
            doc_id=doc_id,
            metadata=metadata,
        )


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply (over the recursion limit)"
    return str(exc)


def _kind_for(content_type: str) -> str:
    ctype = content_type.lower()
    if "html" in ctype:
        return "html"
    if ctype.startswith("text/plain"):
        return "txt"
    return "url"


def discover(inputs: Iterable[str], config: RunConfig | None = None) -> Iterator[RawDocument]:
    """Yield one RawDocument per input document, in a stable order, streaming.

    Raises IngestError only for a top-level path that does not exist.
    """
    state = _Discovery(config or RunConfig())
    try:
        for item in inputs:
            yield from _guarded(state, str(item))
    finally:
        state.close()


def _guarded(state: _Discovery, item: str) -> Iterator[RawDocument]:
    """Documents of one input; an unexpected failure ends that input with an error document.

    A bug or a library failure on one input must not stop the run: what was
    yielded stays yielded, and the failure is recorded with the input's name.
    """
    try:
        yield from state.input(item)
    except IngestError:
        raise
    except Exception as exc:
        name = item if "://" in item else source_name(Path(item))
        yield RawDocument(
            source=name,
            content=b"",
            source_kind="unknown",
            fetched_at=_now(),
            doc_id=Path(item).stem or "input",
            error=f"ingest failed: {type(exc).__name__}: {exc}"[:500],
        )
