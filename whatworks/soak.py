"""The soak of ``make bench``: many viewers on a real server while loads run.

A real server (``streamlit run app.py`` in a subprocess, on a free port, on the benchmark's
database) and ``VIEWERS`` viewers for ``SECONDS``; meanwhile two loads of the outcomes file
run from the command line (``whatworks load``, which gives way to viewers: a lower CPU
priority on one core, see ``cli.give_way_to_viewers``), one after the other started. A
viewer is a websocket client that does what a browser tab does on a reload: it opens a new
session on ``/_stcore/stream``, asks for a run of the landing page (a ``rerun_script``
BackMsg) and reads the ForwardMsgs until ``script_finished``. Its page time is from opening
the socket to that message; an exception element, a page that is not found or a page that
takes over ``PAGE_TIMEOUT`` is an error. This measures the server's whole work for a page
(script run, figures, protobuf, websocket) but not the browser's drawing: 20 Chromium tabs
would need more than the two cores the server has, and would measure Chromium.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from whatworks import store

ROOT = Path(__file__).resolve().parents[1]
VIEWERS = 20
SECONDS = 60.0
PAGE_TIMEOUT = 60.0
LOAD_STARTS = (5.0, 15.0)  # seconds into the soak


@dataclass
class SoakResult:
    """Page times of every viewer, errors, and the versions the loads became."""

    times: list[float]
    errors: list[str]
    viewers_served: int
    viewers: int
    versions: list[int]
    loads_ok: int = 0
    load_seconds: list[float] = field(default_factory=list)  # each load's wall time
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's, at the start and the end

    @property
    def p95(self) -> float:
        if not self.times:
            return float("inf")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    def summary(self) -> str:
        errors = f"{len(self.errors)} errors" + (f": {self.errors[0]}" if self.errors else "")
        took = ", ".join(f"{s:.0f} s" for s in self.load_seconds)
        start, end = self.load_average
        median = statistics.median(self.times) if self.times else float("nan")
        return (
            f"{len(self.times)} pages, median {median:.2f} s, "
            f"{self.viewers_served}/{self.viewers} viewers served, "
            f"{errors}; {self.loads_ok}/2 loads ended as versions {self.versions} "
            f"(loads took {took}); load average {start:.1f} -> {end:.1f}"
        )


@dataclass
class _Viewer:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def page(port: int) -> float:
    """One page as a browser reload asks for it; its seconds, or an exception saying why not."""
    # The server's wire protocol, as a browser speaks it: the soak draws nothing.
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251
    from websockets.sync.client import connect

    start = time.perf_counter()
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],  # type: ignore[list-item]
        open_timeout=PAGE_TIMEOUT,
        max_size=None,
    ) as socket_:
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        ask.rerun_script.page_script_hash = ""
        socket_.send(ask.SerializeToString())
        while True:
            left = PAGE_TIMEOUT - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"no page within {PAGE_TIMEOUT:.0f} s")
            message = ForwardMsg()
            message.ParseFromString(socket_.recv(timeout=left))
            kind = message.WhichOneof("type")
            if kind == "page_not_found":
                raise RuntimeError("page not found")
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(message.delta.new_element.exception.message[:200])
            if kind == "script_finished":
                return time.perf_counter() - start


def _view(port: int, deadline: float, viewer: _Viewer) -> None:
    while time.monotonic() < deadline:
        try:
            viewer.times.append(page(port))
        except Exception as exc:  # every failure of a viewer is a finding, counted
            viewer.errors.append(f"{type(exc).__name__}: {exc}")


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "WHATWORKS_DB": str(db), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    health = f"http://127.0.0.1:{port}/_stcore/health"
    for _ in range(600):
        try:
            with urllib.request.urlopen(health, timeout=1) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    msg = "the server did not start"
    raise RuntimeError(msg)


def _load(db: Path, outcomes: Path, delay: float, done: list[int], seconds: list[float]) -> None:
    time.sleep(delay)
    start = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-m", "whatworks", "load", "outcomes", str(outcomes),
         "--db", str(db), "--yes"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )  # fmt: skip
    seconds.append(time.perf_counter() - start)
    done.append(finished.returncode)


def run(db: Path, outcomes: Path, viewers: int = VIEWERS, seconds: float = SECONDS) -> SoakResult:
    """Serve ``db``, let ``viewers`` reload for ``seconds`` while two loads of ``outcomes`` run."""
    with store.reader(db) as con:
        before = store.latest_version(con)
    port = free_port()
    server = start_server(db, port)
    try:
        page(port)  # the server's first page (imports, caches), as after a deploy
        deadline = time.monotonic() + seconds
        crowd = [_Viewer() for _ in range(viewers)]
        returns: list[int] = []
        load_seconds: list[float] = []
        start_load = os.getloadavg()[0]
        threads = [threading.Thread(target=_view, args=(port, deadline, v)) for v in crowd]
        threads += [
            threading.Thread(target=_load, args=(db, outcomes, delay, returns, load_seconds))
            for delay in LOAD_STARTS
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    with store.reader(db) as con:
        after = [v["version_id"] for v in store.versions(con) if v["version_id"] > before]
    return SoakResult(
        times=[t for v in crowd for t in v.times],
        errors=[e for v in crowd for e in v.errors],
        viewers_served=sum(1 for v in crowd if v.times),
        viewers=viewers,
        versions=sorted(after),
        loads_ok=sum(1 for code in returns if code == 0),
        load_seconds=sorted(load_seconds),
        load_average=(start_load, os.getloadavg()[0]),
    )
