"""The guard against server-side request forgery: fetched URLs must not reach internal addresses.

URLs come from sources files and feed entries, which anyone who can drop a file or
publish a feed controls. A host that is, or resolves to, a loopback, private,
link-local (the cloud metadata address 169.254.169.254 included), multicast,
reserved, unspecified or otherwise not publicly routable address is refused with a
reason ("refused: internal address (localhost resolves to 127.0.0.1, loopback)").
Every address a name resolves to is checked, not only the first.

The check runs twice: on the URL before each request (the URL and every redirect
target, `host_refusal`), and when connecting (`GUARDED_POOL_CLASSES`, urllib3
connection pools whose connections resolve the host once, refuse if any address is
internal, and connect to a checked address itself, then check the peer too), so a
name that resolves to a public address for the check and to an internal one for the
connection (DNS rebinding) is refused before any packet reaches the internal address.
`RunConfig.allow_private_hosts` turns both off, for an intranet news source.
"""

from __future__ import annotations

import ipaddress
import socket

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class InternalAddressError(Exception):
    """A connection reached an internal address. Not an OSError: urllib3 passes it through
    unwrapped and never retries it."""


def internal_kind(address: str) -> str | None:
    """What kind of internal address the IP literal `address` is ("loopback", "private",
    "link-local", ...), or None for a public one. Anything that is not an IP is internal."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    kinds = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not publicly routable", not ip.is_global),
    )
    return next((kind for kind, hit in kinds if hit), None)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to for a TCP connection (IPv4 and IPv6), in order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def host_refusal(host: str, port: int) -> str | None:
    """Why `host` is not fetched (it is, or resolves to, an internal address), else None.

    A name that does not resolve is not refused here: the fetch then fails with the
    resolver's own message.
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        kind = internal_kind(host)
        return f"refused: internal address ({host} is {kind})" if kind else None
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        return None
    for address in addresses:
        kind = internal_kind(address)
        if kind:
            return f"refused: internal address ({host} resolves to {address}, {kind})"
    return None


def _checked_peer(sock: socket.socket, host: str) -> socket.socket:
    """`sock` when its peer is a public address; else it is closed and InternalAddressError raised."""
    try:
        address = str(sock.getpeername()[0])
    except OSError as exc:
        sock.close()
        raise InternalAddressError(f"refused: cannot tell which address {host} connected to ({exc})") from exc
    kind = internal_kind(address)
    if kind:
        sock.close()
        what = f"{address} is {kind}" if host == address else f"{host} resolves to {address}, {kind}"
        raise InternalAddressError(f"refused: internal address ({what}, at connect time)")
    return sock


def _pinned_conn(conn: HTTPConnection) -> socket.socket:
    """Resolve the connection's host once, refuse if any address is internal, then connect to
    a checked address itself (never to a name that could resolve elsewhere a second time), so
    no packet reaches an internal address and no open/closed port shows in the reason."""
    from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
    from urllib3.util import connection

    host = conn._dns_host.strip("[]")  # noqa: SLF001 - urllib3's own resolution name
    try:
        addresses = resolve(host, conn.port or 80)
    except socket.gaierror as exc:
        raise NameResolutionError(conn.host, conn, exc) from exc
    for address in addresses:
        kind = internal_kind(address)
        if kind:
            what = f"{address} is {kind}" if host == address else f"{host} resolves to {address}, {kind}"
            raise InternalAddressError(f"refused: internal address ({what}, at connect time)")
    if not addresses:
        raise NameResolutionError(conn.host, conn, socket.gaierror("no address"))
    try:
        sock = connection.create_connection(
            (addresses[0], conn.port),
            conn.timeout,
            source_address=conn.source_address,
            socket_options=conn.socket_options,
        )
    except TimeoutError as exc:
        raise ConnectTimeoutError(
            conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
        ) from exc
    except OSError as exc:
        raise NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc
    return _checked_peer(sock, host)


class GuardedHTTPConnection(HTTPConnection):
    """An HTTP connection that refuses to talk to an internal address."""

    def _new_conn(self) -> socket.socket:
        return _pinned_conn(self)


class GuardedHTTPSConnection(HTTPSConnection):
    """An HTTPS connection that refuses to talk to an internal address (checked before TLS;
    TLS still verifies the host name)."""

    def _new_conn(self) -> socket.socket:
        return _pinned_conn(self)


class GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


GUARDED_POOL_CLASSES: dict[str, type[HTTPConnectionPool]] = {
    "http": GuardedHTTPConnectionPool,
    "https": GuardedHTTPSConnectionPool,
}
"""`urllib3.PoolManager.pool_classes_by_scheme` for a guarded fetcher."""
