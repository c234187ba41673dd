"""PostgreSQL and Redis servers for tests: Debian's programs (scripts/ensure_services.sh installs
them), started here on a free loopback port in a throwaway folder, stopped afterwards (bounded
waits; the process is killed if it does not stop).

PostgreSQL refuses to run as root, so as root the cluster belongs to Debian's `postgres` user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.config import PROJECT_ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator

ENSURE = PROJECT_ROOT / "scripts" / "ensure_services.sh"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_installed() -> None:
    """Install postgresql and redis-server if missing; skip the test only where apt cannot."""
    proc = subprocess.run(["sh", str(ENSURE)], capture_output=True, text=True, timeout=900)
    if proc.returncode == 3:
        pytest.skip(f"PostgreSQL/Redis not installable here: {proc.stderr.strip()}")
    assert proc.returncode == 0, f"{ENSURE} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "initdb not found under /usr/lib/postgresql/*/bin"
    return Path(found[-1]).parent


def _wait_port(port: int, proc: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        assert proc.poll() is None, f"{what} exited ({proc.returncode}):\n{log.read_text()[-3000:]}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        assert time.monotonic() < deadline, f"{what} did not listen on 127.0.0.1:{port}"
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes], sig: int) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@dataclass
class Postgres:
    port: int
    bin: Path
    user: str = "postgres"
    host: str = "127.0.0.1"

    def conninfo(self, dbname: str) -> str:
        """libpq key/value connection string (what DuckDB's postgres extension takes)."""
        return f"dbname={dbname} host={self.host} port={self.port} user={self.user}"

    def sqlalchemy_url(self, dbname: str) -> str:
        return f"postgresql+psycopg2://{self.user}@{self.host}:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        proc = subprocess.run(
            [
                str(self.bin / "psql"),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                dbname,
                "-v",
                "ON_ERROR_STOP=1",
                "-Atc",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, f"psql {sql!r}: {proc.stderr}"
        return proc.stdout.strip()

    def create_database(self, name: str) -> None:
        self.psql(f'create database "{name}"')


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    """A fresh PostgreSQL cluster on 127.0.0.1 (trust auth, no Unix socket outside its folder)."""
    pg_bin = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="pledgewatch-pg-"))  # under /tmp: reachable by `postgres`
    data = root / "data"
    as_root = os.geteuid() == 0
    owner = {"user": "postgres", "group": "postgres"} if as_root else {}
    if as_root:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    log = root / "postgres.log"
    proc = None
    try:
        init = subprocess.run(
            [
                str(pg_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,
            **owner,
        )
        assert init.returncode == 0, f"initdb failed:\n{init.stdout}\n{init.stderr}"
        with log.open("wb") as out:
            if as_root:
                shutil.chown(log, "postgres", "postgres")
            proc = subprocess.Popen(
                [
                    str(pg_bin / "postgres"),
                    "-D",
                    str(data),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"port={port}",
                    "-c",
                    f"unix_socket_directories={root}",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "max_connections=300",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=root,
                **owner,
            )
        _wait_port(port, proc, "postgres", log)
        server = Postgres(port=port, bin=pg_bin)
        deadline = time.monotonic() + START_TIMEOUT
        while True:  # listening is not yet accepting: wait for a query to answer
            try:
                server.psql("select 1")
                break
            except AssertionError:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.3)
        yield server
    finally:
        if proc is not None:
            _stop(proc, signal.SIGINT)  # PostgreSQL's fast shutdown
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Redis:
    port: int
    host: str = "127.0.0.1"

    def url(self, db: int = 0) -> str:
        return f"redis://{self.host}:{self.port}/{db}"


@contextlib.contextmanager
def redis_server() -> Iterator[Redis]:
    """A Redis on 127.0.0.1, nothing persisted."""
    root = Path(tempfile.mkdtemp(prefix="pledgewatch-redis-"))
    port = free_port()
    log = root / "redis.log"
    proc = None
    try:
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--protected-mode",
                    "yes",
                    "--dir",
                    str(root),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=root,
            )
        _wait_port(port, proc, "redis-server", log)
        yield Redis(port=port)
    finally:
        if proc is not None:
            _stop(proc, signal.SIGTERM)
        shutil.rmtree(root, ignore_errors=True)
