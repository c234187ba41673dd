"""The SSRF guard: URLs from sources files, feeds and redirects never reach internal addresses.

No test needs the internet. Internal targets are IP literals, `localhost` and the real
loopback server of conftest (reachable: were the guard missing, the fetch would succeed).
A public site is stood in for by a second server on 127.0.0.2 that `internal_kind` is told
to treat as public, reached through a public-looking name mapped by a patched
`socket.getaddrinfo` (the only way to make a name resolve to a chosen address offline).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import pytest

from pipeline.config import RunConfig
from pipeline.ingest import addresses, discover
from pipeline.ingest.addresses import host_refusal, internal_kind
from pipeline.models import Article
from pipeline.parse import parse_document
from tests.conftest import SEEDS, make_config
from tests.ingest.conftest import ARTICLE_HTML, Handler

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pipeline.models import RawDocument

STAND_IN_IP = "127.0.0.2"
"""Where the stand-in for a public news site listens (treated as public by these tests only)."""
METADATA = "http://169.254.169.254/latest/meta-data/"
_real_getaddrinfo = socket.getaddrinfo
_real_internal_kind = internal_kind


def _guarded(**kw: object) -> RunConfig:
    cfg = RunConfig(http_timeout=1.0, allow_private_hosts=False)  # explicit: the env may say yes
    for k, v in kw.items():
        setattr(cfg, k, v)
    return cfg


def _docs(*inputs: str | Path, **kw: object) -> list[RawDocument]:
    return list(discover([str(i) for i in inputs], _guarded(**kw)))


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


class RedirectingHandler(Handler):
    """The loopback handler plus `/redirect?to=<url-quoted target>`."""

    def do_GET(self) -> None:
        if self.path.startswith("/redirect?to="):
            self._redirect(unquote(self.path.split("=", 1)[1]))
        else:
            super().do_GET()


@pytest.fixture(scope="module")
def stand_in_port() -> Iterator[int]:
    """Port of the stand-in public site on 127.0.0.2."""
    server = ThreadingHTTPServer((STAND_IN_IP, 0), RedirectingHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _map_names(monkeypatch: pytest.MonkeyPatch, names: dict[str, list[str]]) -> list[str]:
    """Make each name resolve to the given addresses (in order); other names resolve as usual.
    Returns the list of names looked up, in order."""
    looked_up: list[str] = []

    def fake(
        host: Any,
        port: Any,
        family: int = 0,
        type: int = 0,
        proto: int = 0,  # noqa: A002
        flags: int = 0,
    ) -> list[Any]:
        looked_up.append(str(host))
        if host in names:
            out = []
            for address in names[host]:
                fam = socket.AF_INET6 if ":" in address else socket.AF_INET
                sockaddr = (address, int(port), 0, 0) if fam == socket.AF_INET6 else (address, int(port))
                if family in (0, fam):
                    out.append((fam, socket.SOCK_STREAM, 6, "", sockaddr))
            return out
        return _real_getaddrinfo(host, port, family, type, proto, flags)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return looked_up


@pytest.fixture
def stand_in_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 counts as a public address; everything else is classified as usual."""
    monkeypatch.setattr(
        addresses, "internal_kind", lambda a: None if a == STAND_IN_IP else _real_internal_kind(a)
    )


# ---- the classification ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("10.255.255.255", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.10", "private"),
        ("fc00::1", "private"),
        ("fd12:3456:789a::1", "private"),
        ("::ffff:10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("169.254.0.1", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%1", "link-local"),
        ("::ffff:169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not publicly routable"),
        ("not-an-ip", "not an IP address"),
        # public
        ("93.184.216.34", None),
        ("8.8.8.8", None),
        ("172.15.255.255", None),
        ("172.32.0.1", None),
        ("11.0.0.1", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_internal_kind(address: str, kind: str | None) -> None:
    assert internal_kind(address) == kind


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "refused: internal address (127.0.0.1 is loopback)"),
        ("::1", "refused: internal address (::1 is loopback)"),
        ("169.254.169.254", "refused: internal address (169.254.169.254 is link-local)"),
        ("0.0.0.0", "refused: internal address (0.0.0.0 is unspecified)"),
        ("localhost", "refused: internal address (localhost resolves to 127.0.0.1, loopback)"),
        # other spellings of 127.0.0.1 the resolver accepts
        ("2130706433", "refused: internal address (2130706433 resolves to 127.0.0.1, loopback)"),
        ("0x7f.1", "refused: internal address (0x7f.1 resolves to 127.0.0.1, loopback)"),
        ("93.184.216.34", None),
    ],
)
def test_host_refusal_without_the_network(host: str, reason: str | None) -> None:
    assert host_refusal(host, 80) == reason


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    _map_names(
        monkeypatch,
        {
            "mixed.example.com": ["93.184.216.34", "2606:4700::1", "10.0.0.7"],
            "public.example.com": ["93.184.216.34", "2606:4700::1"],
        },
    )
    assert host_refusal("mixed.example.com", 443) == (
        "refused: internal address (mixed.example.com resolves to 10.0.0.7, private)"
    )
    assert host_refusal("public.example.com", 443) is None


# ---- sources files and feeds ---------------------------------------------------------------


def test_sources_file_refuses_internal_entries_and_fetches_the_public_one(
    tmp_path: Path,
    http_base: str,
    stand_in_port: int,
    stand_in_is_public: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _map_names(monkeypatch, {"news.example.com": [STAND_IN_IP], "intranet.example.com": ["10.20.30.40"]})
    port = _port(http_base)
    path = tmp_path / "today.sources"
    path.write_text(
        f"{http_base}/article.html\n"  # the real loopback server, reachable
        f"{METADATA}\n"
        f"http://localhost:{port}/article.html\n"
        f"http://[::1]:{port}/article.html\n"
        "http://0.0.0.0/\n"
        "https://intranet.example.com/news\n"
        f"http://news.example.com:{stand_in_port}/article.html\n"  # public-looking: fetched
    )
    docs = _docs(path)
    assert [(d.source, d.error) for d in docs] == [
        (f"{http_base}/article.html", "refused: internal address (127.0.0.1 is loopback)"),
        (METADATA, "refused: internal address (169.254.169.254 is link-local)"),
        (
            f"http://localhost:{port}/article.html",
            "refused: internal address (localhost resolves to 127.0.0.1, loopback)",
        ),
        (f"http://[::1]:{port}/article.html", "refused: internal address (::1 is loopback)"),
        ("http://0.0.0.0/", "refused: internal address (0.0.0.0 is unspecified)"),
        (
            "https://intranet.example.com/news",
            "refused: internal address (intranet.example.com resolves to 10.20.30.40, private)",
        ),
        (f"http://news.example.com:{stand_in_port}/article.html", None),
    ]
    assert all(d.content == b"" for d in docs[:-1])
    public = docs[-1]
    assert public.content == ARTICLE_HTML and public.metadata["status"] == 200
    rejection = parse_document(docs[1])
    assert not isinstance(rejection, Article)
    assert rejection.reason == "refused: internal address (169.254.169.254 is link-local)"


def test_feed_entries_linking_to_internal_addresses_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Inline</title><link>https://wire.example.com/inline</link>
<description>The council promised on Tuesday to repair every bridge.</description></item>
<item><title>Metadata</title><link>{METADATA}iam/security-credentials/</link></item>
<item><title>Admin</title><link>http://localhost/admin</link></item>
</channel></rss>
""")
    docs = _docs(path)
    assert [(d.doc_id, d.error) for d in docs] == [
        ("wire-1", None),
        ("wire-2", "refused: internal address (169.254.169.254 is link-local)"),
        ("wire-3", "refused: internal address (localhost resolves to 127.0.0.1, loopback)"),
    ]
    assert docs[1].source == f"{METADATA}iam/security-credentials/"
    assert docs[1].metadata["title"] == "Metadata"


def test_allowance_fetches_the_loopback_server(http_base: str) -> None:
    (doc,) = _docs(f"{http_base}/article.html", allow_private_hosts=True)
    assert doc.error is None and doc.content == ARTICLE_HTML


def test_allowance_from_the_environment(http_base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEWATCH_ALLOW_PRIVATE_HOSTS", "1")
    cfg = RunConfig(http_timeout=1.0)
    assert cfg.allow_private_hosts is True
    (doc,) = discover([f"{http_base}/article.html"], cfg)
    assert doc.error is None and doc.content == ARTICLE_HTML


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("", False),
        ("0", False),
        ("off", False),
        ("no", False),
        ("1", True),
        ("true", True),
        ("YES", True),
        ("on", True),
    ],
)
def test_allowance_env_values(value: str, allowed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEWATCH_ALLOW_PRIVATE_HOSTS", value)
    assert RunConfig().allow_private_hosts is allowed


def test_allowance_env_typo_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEWATCH_ALLOW_PRIVATE_HOSTS", "maybe")
    with pytest.raises(ValueError, match="PLEDGEWATCH_ALLOW_PRIVATE_HOSTS: not a yes/no value"):
        RunConfig()


def test_default_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLEDGEWATCH_ALLOW_PRIVATE_HOSTS", raising=False)
    assert RunConfig().allow_private_hosts is False


def test_cli_flag() -> None:
    from pipeline.cli import build_parser

    assert build_parser().parse_args(["run", "--allow-private-hosts"]).allow_private_hosts is True
    assert build_parser().parse_args(["run"]).allow_private_hosts is False


# ---- redirects -----------------------------------------------------------------------------


def test_loopback_server_redirecting_inward_is_refused_before_any_request(http_base: str) -> None:
    (doc,) = _docs(f"{http_base}/redirect?to={quote(METADATA, safe='')}")
    assert doc.error == "refused: internal address (127.0.0.1 is loopback)"
    assert doc.metadata["final_url"] == doc.source and "status" not in doc.metadata


def test_public_site_redirecting_to_internal_addresses_is_refused(
    http_base: str,
    stand_in_port: int,
    stand_in_is_public: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _map_names(monkeypatch, {"news.example.com": [STAND_IN_IP], "intranet.example.com": ["192.168.7.7"]})
    site = f"http://news.example.com:{stand_in_port}"
    inward = f"{http_base}/article.html"  # the real loopback server: reachable if followed
    targets = {
        METADATA: "169.254.169.254 is link-local",
        inward: "127.0.0.1 is loopback",
        f"http://localhost:{_port(http_base)}/article.html": "localhost resolves to 127.0.0.1, loopback",
        "http://intranet.example.com/wiki": "intranet.example.com resolves to 192.168.7.7, private",
        "http://[fe80::1]/": "fe80::1 is link-local",
    }
    for target, why in targets.items():
        (doc,) = _docs(f"{site}/redirect?to={quote(target, safe='')}")
        assert doc.error == f"refused: internal address ({why}) (redirect target {target})"
        assert doc.content == b""
    # the same redirect with the allowance on is followed to the loopback server's page
    (followed,) = _docs(f"{site}/redirect?to={quote(inward, safe='')}", allow_private_hosts=True)
    assert followed.error is None and followed.content == ARTICLE_HTML
    assert followed.metadata["final_url"] == inward
    # and a redirect from the public site to a public page is followed with the guard on
    (public,) = _docs(f"{site}/redirect?to={quote(f'{site}/article.html', safe='')}")
    assert public.error is None and public.content == ARTICLE_HTML


# ---- DNS rebinding: the address connected to is checked too ---------------------------------


def test_name_that_turns_internal_at_connect_time_is_refused(
    http_base: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check resolves the name to a public address; the connection, resolving again, is
    sent to loopback (the conftest server, which would serve the page)."""
    answers = iter([["93.184.216.34"]])
    looked_up: list[str] = []

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != "rebind.example.com":
            return _real_getaddrinfo(host, port, *args, **kwargs)
        looked_up.append(host)
        address = next(answers, ["127.0.0.1"])[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://rebind.example.com:{_port(http_base)}/article.html"
    (doc,) = _docs(url)
    assert looked_up == ["rebind.example.com", "rebind.example.com"]  # the check, the connection
    assert doc.error == (
        "refused: internal address (rebind.example.com resolves to 127.0.0.1, loopback, at connect time)"
    )
    assert doc.content == b"" and "status" not in doc.metadata


def test_url_read_differently_by_urlsplit_and_urllib3_is_refused_at_connect_time(
    http_base: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """urlsplit reads the host of this URL as `public.example.com` (after the userinfo), a
    public name; urllib3 as 127.0.0.1 (the backslash starts the path): only the connected
    address tells."""
    looked_up = _map_names(monkeypatch, {"public.example.com": ["93.184.216.34"]})
    url = f"{http_base}\\@public.example.com/article.html"
    (doc,) = _docs(url)
    assert looked_up == ["public.example.com", "127.0.0.1"]  # what the check and urllib3 saw
    assert doc.error == "refused: internal address (127.0.0.1 is loopback, at connect time)"
    (allowed,) = _docs(url, allow_private_hosts=True)  # the loopback server answers it
    assert allowed.error == "fetch failed: HTTP 404 Not Found"


# ---- through the whole run: core.inputs and the report ------------------------------------


# Slow (~10 s: a whole run with a local HTTP server): the fast suite proves each refusal and its
# reason (the tests above), that rejected inputs reach core.inputs with their reason
# (test_hostile_round2.py's size limits) and that the report counts rejection reasons
# (tests/report/test_report.py); `make test` runs it.
@pytest.mark.slow
def test_refusals_reach_the_warehouse_and_the_report(tmp_path: Path, http_base: str) -> None:
    import duckdb

    from pipeline.run import run_pipeline

    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(SEEDS / "seed.txt", drop / "seed.txt")
    (drop / "today.sources").write_text(f"{http_base}/article.html\n{METADATA}\n")
    cfg = make_config(tmp_path, [str(drop)], allow_private_hosts=False, http_timeout=1.0)
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    assert result.inputs["loaded"] == 1 and result.inputs["rejected"] == 2
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        rows = con.execute(
            "select source, outcome, reason from core.inputs where outcome = 'rejected' order by source"
        ).fetchall()
    assert rows == [
        (f"{http_base}/article.html", "rejected", "refused: internal address (127.0.0.1 is loopback)"),
        (METADATA, "rejected", "refused: internal address (169.254.169.254 is link-local)"),
    ]
    assert result.report_path is not None
    facts = json.loads((result.report_path.parent / "report.json").read_text(encoding="utf-8"))
    assert sorted(facts["inputs"]["rejection_reasons"], key=lambda r: r["reason"]) == [
        {"reason": "refused: internal address (127.0.0.1 is loopback)", "inputs": 1},
        {"reason": "refused: internal address (169.254.169.254 is link-local)", "inputs": 1},
    ]


def test_no_connection_is_made_to_an_internal_address(
    http_base: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The connection resolves once, refuses if any address is internal, and connects to the
    checked address itself: no packet reaches the internal address (an open or closed internal
    port cannot show in the recorded reason)."""
    import urllib3.util.connection as u3conn

    answers = iter([["93.184.216.34"]])

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != "rebind.example.com":
            return _real_getaddrinfo(host, port, *args, **kwargs)
        address = next(answers, ["127.0.0.1"])[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    connected: list[Any] = []
    real_create = u3conn.create_connection

    def recording(address: Any, *args: Any, **kwargs: Any) -> Any:
        connected.append(address[0])
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(u3conn, "create_connection", recording)
    (doc,) = _docs(f"http://rebind.example.com:{_port(http_base)}/article.html")
    assert doc.error.endswith("loopback, at connect time)")
    assert connected == []  # refused before any connect (connecting by name then checking the
    # peer, as before, reached the loopback server first)
