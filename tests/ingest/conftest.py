"""A real HTTP server on loopback (127.0.0.1, port 0) serving every case URL ingestion meets."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"
ARTICLE_HTML = (INPUTS / "html" / "article.html").read_bytes()
SLOW_SECONDS = 3.0
HUGE_DECLARED = 7340032


def feed_xml(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback feed</title><link>{base}/</link>
<description>test</description>
<item><title>Inline entry</title><link>{base}/inline</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>The council promised on Tuesday to repair every bridge in the county within
two years.</description></item>
<item><title>Entry without body, page fetched</title><link>{base}/article.html</link>
<pubDate>Wed, 06 Mar 2024 09:30:00 GMT</pubDate></item>
<item><title>Entry whose page is gone</title><link>{base}/missing</link></item>
</channel></rss>
""".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers={"Location": location})

    def do_GET(self) -> None:  # noqa: C901 - one branch per case
        base = f"http://{self.headers['Host']}"
        path = self.path
        try:
            if path == "/article.html":
                self._send(200, ARTICLE_HTML)
            elif path == "/plain.txt":
                self._send(
                    200,
                    b"Plain title\nThe mayor said the library would reopen in May.\n",
                    "text/plain; charset=utf-8",
                )
            elif path == "/latin1.html":
                body = (
                    "<html><head><title>Caf\u00e9 news</title></head><body><article>"
                    "<p>Le caf\u00e9 de la gare rouvrira en juin, a promis le maire "
                    "\u00e0 la r\u00e9union du conseil municipal mardi soir.</p>"
                    "</article></body></html>"
                ).encode("latin-1")
                self._send(200, body, "text/html; charset=iso-8859-1")
            elif path == "/feed.rss":
                self._send(200, feed_xml(base), "application/rss+xml")
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, ARTICLE_HTML)
            elif path == "/loop-a":
                self._redirect("/loop-b")
            elif path == "/loop-b":
                self._redirect("/loop-a")
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                if n > 0:
                    self._redirect(f"/chain/{n - 1}", 301)
                else:
                    self._send(200, ARTICLE_HTML)
            elif path == "/to-ftp":
                self._redirect("ftp://127.0.0.1/secret.txt")
            elif path == "/missing":
                self._send(404, b"<html><body>Not here</body></html>")
            elif path == "/error":
                self._send(500, b"<html><body>Server exploded</body></html>")
            elif path == "/huge":
                # declares 7 MB and starts sending it; the client must not read it all
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(HUGE_DECLARED))
                self.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                for _ in range(HUGE_DECLARED // len(chunk)):
                    self.wfile.write(chunk)
            elif path == "/huge-undeclared":
                # no Content-Length: the size is only known by reading
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                chunk = b"<p>" + b"y" * 65530 + b"</p>"
                for _ in range(200):  # about 13 MB
                    self.wfile.write(chunk)
            else:
                self._send(404, b"unknown test path")
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="session")
def http_base() -> Iterator[str]:
    """Base URL (http://127.0.0.1:PORT) of the loopback test server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
