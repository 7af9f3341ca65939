"""Browser tests: the app served by `streamlit run` on 127.0.0.1, driven in headless Chromium.

Chromium comes from Debian's packages (scripts/ensure_browser.sh, run by `make e2e`); it is
never downloaded by Playwright. Without it the tests are skipped loudly, except under CI
(`CI=true`), where a missing browser fails the run.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Where screenshots go: docs/screenshots with WHATWORKS_SCREENSHOTS=1 (make screenshots),
# else a temporary folder, so a test run does not rewrite tracked files.
SCREENSHOTS_ENV = "WHATWORKS_SCREENSHOTS"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    message = (
        "Chromium (/usr/bin/chromium) is missing: the browser tests cannot run. "
        "Install the Debian packages 'chromium chromium-driver' (make e2e does, as root)."
    )
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true: " + message)
    warnings.warn(message, stacklevel=1)
    sys.stderr.write(f"\n!!! {message} SKIPPING the browser tests.\n")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"streamlit exited with {process.returncode}"
            raise RuntimeError(msg)
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    msg = f"streamlit did not become healthy at {url}"
    raise RuntimeError(msg)


def _build_demo(db: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "whatworks", "demo", "--country", "en", "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return db


@contextlib.contextmanager
def _serve(db: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port over ``db``; yields the base URL."""
    _require_browser()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, WHATWORKS_DB=str(db), WHATWORKS_USER="e2e")
    log = db.parent / "streamlit.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.address", "127.0.0.1", "--server.port", str(port),
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database the shared, read-only server serves. Tests must not write to it."""
    return _build_demo(tmp_path_factory.mktemp("e2e") / "whatworks.duckdb")


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[str]:
    with _serve(demo_db) as url:
        yield url


@pytest.fixture
def fresh_server(demo_db: Path) -> Iterator[str]:
    """A server of its own that no one has asked for anything yet (for first requests)."""
    with _serve(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def writer_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database of its own for the tests of one module that load or restore data."""
    return _build_demo(tmp_path_factory.mktemp("e2e-writer") / "whatworks.duckdb")


@pytest.fixture(scope="module")
def writer_server(writer_db: Path) -> Iterator[str]:
    """A second server, on ``writer_db``: writes never reach the shared server's data."""
    with _serve(writer_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Streamlit saves a table's "Download as CSV" through the File System Access API when the
# browser has it (a save dialog headless Chromium never answers); without it, it falls back
# to an ordinary download, which Playwright catches. Tests read canvas tables that way.
NO_SAVE_PICKER = "delete window.showSaveFilePicker; window.showSaveFilePicker = undefined;"


def _new_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1800}, locale="en-US", accept_downloads=True
    )
    context.add_init_script(NO_SAVE_PICKER)
    return context, context.new_page()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context, tab = _new_page(browser)
    yield tab
    context.close()


@pytest.fixture
def writer_page(browser: Any, writer_server: str) -> Iterator[Any]:
    context, tab = _new_page(browser)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get(SCREENSHOTS_ENV):
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")
