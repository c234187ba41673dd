from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """A function running headless Chromium on a file: ('dom' | 'screenshot', path, tmp) -> ..."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed (run scripts/ensure_chromium.sh to install it)")

    def run(mode: str, page: Path, tmp: Path, size: str = "1280,2000") -> str | Path:
        profile = tmp / "chromium-profile"
        args = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={size}"]
        if mode == "dom":
            args += ["--dump-dom", page.resolve().as_uri()]
            done = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
            assert done.returncode == 0, done.stderr[-2000:]
            return done.stdout
        png = tmp / "report.png"
        args += [f"--screenshot={png}", page.resolve().as_uri()]
        done = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0 and png.exists(), done.stderr[-2000:]
        return png

    return run
