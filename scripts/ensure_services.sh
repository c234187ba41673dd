#!/bin/sh
# PostgreSQL and Redis from Debian's packages, for the Celery/DuckLake end-to-end test
# (tests/dags/test_celery_ducklake.py). The test starts and stops its own servers on loopback;
# this only installs the programs. Services are never started by the install: an existing
# /usr/sbin/policy-rc.d (Docker's "exit 101") is kept, otherwise one is put in place for the
# install and removed afterwards.
#
# Exit 0: both installed (or already there). Exit 3: not installable here (no apt-get, or not
# root); the test then skips with this script's message. Any other exit: the install failed.
set -eu

pg_bin() {
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
    done
    return 1
}

if pg_bin >/dev/null && command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get not available: cannot install postgresql and redis-server" >&2
    exit 3
fi
if [ "$(id -u)" != 0 ]; then
    echo "not root: cannot apt-get install postgresql redis-server (run as root, or install them)" >&2
    exit 3
fi

policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
fi
cleanup() { if [ -n "$made_policy" ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql redis-server >/dev/null
pg_bin >/dev/null && command -v redis-server >/dev/null 2>&1
