"""Fetch one URL over HTTP(S) with urllib3: timeout, size limit, bounded redirects, status errors.

Never raises for a bad URL: the result carries an `error` ("fetch failed: timeout
after 10s", "over the size limit (7340032 > 5242880 bytes)", "fetch failed: HTTP
404 Not Found", "fetch failed: redirect loop (...)", "refused: ...") and the
bytes received so far. Unless `RunConfig.allow_private_hosts` is set, a URL or
redirect target on an internal address is refused ("refused: internal address
(...)", see `pipeline.ingest.addresses`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, TimeoutError

from pipeline.ingest.addresses import GUARDED_POOL_CLASSES, InternalAddressError, host_refusal

if TYPE_CHECKING:
    from pipeline.config import RunConfig

USER_AGENT = "pledgewatch/0.1 (+news statements and commitments pipeline)"
ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK = 64 * 1024


@dataclass
class FetchResult:
    url: str
    """The URL asked for."""
    final_url: str
    """The URL after redirects."""
    content: bytes = b""
    status: int | None = None
    content_type: str = ""
    error: str | None = None
    redirects: list[str] = field(default_factory=list)


def refusal(url: str) -> str | None:
    """Why this URL is not fetched (not http(s)), or None when it may be fetched."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for an out-of-range port
    except ValueError as exc:
        return f"refused: invalid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        return f"refused: only http(s) URLs are fetched ({shown})"
    if not parts.netloc:
        return "refused: URL has no host"
    return None


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


class Fetcher:
    """A urllib3 pool reused for every URL of one discover() call."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.guarded = not config.allow_private_hosts
        """Internal addresses refused: checked on each URL and on each connection's peer."""
        self.run_budget = config.http_run_seconds if config.http_run_seconds > 0 else None
        """Seconds all fetches of this Fetcher (one run's discovery) may take together."""
        self.spent = 0.0
        self._limit = ""
        self.pool = urllib3.PoolManager(
            retries=False,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        )
        if self.guarded:
            self.pool.pool_classes_by_scheme = GUARDED_POOL_CLASSES

    def address_refusal(self, url: str) -> str | None:
        """Why `url` (http(s), already past `refusal`) is not fetched: its host is, or
        resolves to, an internal address. None when allowed or when the guard is off."""
        if not self.guarded:
            return None
        parts = urlsplit(url.strip())
        if not parts.hostname:
            return None
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)
        return host_refusal(parts.hostname, port)

    def fetch(self, url: str) -> FetchResult:
        """Fetch one URL within a wall-clock deadline on the whole exchange (the timeout, or
        what is left of the run's HTTP budget if less); never raises."""
        result = FetchResult(url=url, final_url=url)
        reason = refusal(url) or self.address_refusal(url)
        if reason:
            result.error = reason
            return result
        left = None if self.run_budget is None else self.run_budget - self.spent
        if left is not None and left <= 0:
            result.error = f"fetch skipped: the run's HTTP budget ({_seconds(self.run_budget or 0)}) is spent"
            return result
        started = time.monotonic()
        try:
            return self._fetch(url, result, left)
        finally:
            self.spent += time.monotonic() - started

    def _fetch(self, url: str, result: FetchResult, left: float | None) -> FetchResult:
        timeout = self.config.http_timeout
        if left is not None and left < timeout:
            timeout = left
            self._limit = f"fetch failed: the run's HTTP budget ({_seconds(self.run_budget or 0)}) ran out"
        else:
            self._limit = f"fetch failed: timeout after {_seconds(timeout)}"
        deadline = time.monotonic() + timeout
        seen = [url]
        current = url
        while True:
            remaining = max(0.001, deadline - time.monotonic())
            try:
                resp = self.pool.request(
                    "GET",
                    current,
                    preload_content=False,
                    redirect=False,
                    retries=False,
                    timeout=urllib3.Timeout(connect=remaining, read=remaining),
                )
            except InternalAddressError as exc:  # the peer checked after connecting
                result.error = str(exc) if current == url else f"{exc} (redirect target {current})"
                return result
            except NewConnectionError as exc:  # before TimeoutError: urllib3 subclasses it
                result.error = f"fetch failed: cannot connect ({_short(_reason(exc))})"
                return result
            except TimeoutError:
                result.error = self._limit
                return result
            except HTTPError as exc:
                result.error = f"fetch failed: {type(exc).__name__}: {_short(exc)}"
                return result
            except (OSError, ValueError) as exc:
                result.error = f"fetch failed: {type(exc).__name__}: {_short(exc)}"
                return result
            complete = False
            try:
                if resp.status in REDIRECT_STATUSES and resp.headers.get("Location"):
                    complete = _discard_small_body(resp)
                    target = urljoin(current, resp.headers["Location"])
                    if target in seen:
                        chain = " -> ".join([*seen[seen.index(target) :], target])
                        result.error = f"fetch failed: redirect loop ({chain})"
                        return result
                    if len(seen) > self.config.max_redirects:
                        result.error = (
                            f"fetch failed: too many redirects (more than {self.config.max_redirects})"
                        )
                        return result
                    reason = refusal(target) or self.address_refusal(target)
                    if reason:
                        result.error = f"{reason} (redirect target {target})"
                        return result
                    seen.append(target)
                    result.redirects.append(target)
                    current = target
                    continue
                result.final_url = current
                result.status = resp.status
                result.content_type = resp.headers.get("Content-Type", "")
                complete = self._read_body(resp, result, deadline)
                if result.error is None and resp.status >= 400:
                    result.error = f"fetch failed: {_status_text(resp.status)}"
                return result
            finally:
                if not complete:  # unread bytes left: the connection cannot be reused
                    resp.close()
                resp.release_conn()

    def _read_body(self, resp: urllib3.BaseHTTPResponse, result: FetchResult, deadline: float) -> bool:
        """Read the body into `result` (at most max_bytes); True when it was read to its end."""
        limit = self.config.max_bytes
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            result.error = f"over the size limit ({int(declared)} > {limit} bytes)"
            return False
        chunks: list[bytes] = []
        size = 0
        # the deadline holds for the whole body: a server that drips a byte every few seconds
        # (each read within the read timeout) is cut off when it passes, by a timer that shuts
        # the socket down under a blocked read; reads return what has arrived (read1)
        expired = threading.Event()

        def cut() -> None:
            expired.set()
            with contextlib.suppress(Exception):
                resp.shutdown()

        timer = threading.Timer(max(0.0, deadline - time.monotonic()), cut)
        timer.daemon = True
        timer.start()
        try:
            while True:
                chunk = resp.read1(CHUNK, decode_content=True)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    result.error = f"over the size limit (more than {limit} bytes)"
                    break
                if expired.is_set() or time.monotonic() > deadline:
                    result.error = self._limit
                    break
        except TimeoutError:
            result.error = self._limit
        except (HTTPError, OSError, ValueError) as exc:
            result.error = (
                self._limit if expired.is_set() else f"fetch failed: {type(exc).__name__}: {_short(exc)}"
            )
        finally:
            timer.cancel()
        if expired.is_set() and result.error is None:
            result.error = self._limit
        result.content = b"".join(chunks)[:limit]
        return result.error is None

    def close(self) -> None:
        self.pool.clear()


def _discard_small_body(resp: urllib3.BaseHTTPResponse, most: int = 64 * 1024) -> bool:
    """Read and drop a redirect's (small) body so the connection can be reused."""
    try:
        data = resp.read(most + 1, decode_content=False)
    except (HTTPError, OSError):
        return False
    return len(data) <= most


def _reason(exc: NewConnectionError) -> str:
    """The readable part of urllib3's connection error ("[Errno 111] Connection refused")."""
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text


def _short(exc: BaseException | str) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "..."
