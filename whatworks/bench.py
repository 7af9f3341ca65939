"""``make bench``: every speed figure of the product beside its floor, measured in one run.

Prints one table and writes ``bench/results.json``; asserts nothing (speed goals live here,
never in timed tests). ``BENCH_ROWS``: outcome rows per scale, comma-separated (default
1,000,000 and 10,000,000). For each scale a synthetic national set (``whatworks synth``) is
written and loaded through the production ingest; beside each figure stands its floor:

- load: DuckDB's own ``read_csv`` of the same file into a table (no validation, no history);
  the load runs in its own process so its peak memory is its own;
- landing view (the overview) on its first run after the load: the same SQL statements the
  view runs, replayed bare (recorded from the view's run; replayed after it, on a warm
  buffer, so the floor is if anything too low), and a plain pandas implementation of the
  same question (the tables read whole into DataFrames, filtered and grouped in pandas);
- warm: the view through the app's cache (``ui.Frame.fetch``'s ``st.cache_data``);
- a new session: the app's first page run by Streamlit's AppTest in a warmed process (imports
  and the data cache warm, as in a serving process): the CPU time of that one run;
- a filter change: the landing view in headless Chromium on a real server, another year
  chosen, timed in the page until the new tiles and charts are drawn (``filter_change``);
  ``BENCH_BROWSER=0`` leaves it out;
- soak: ``whatworks.soak`` (a real ``streamlit run`` server, viewers as websocket clients,
  two loads during the minute); ``BENCH_SOAK=0`` leaves it out.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whatworks import store, synth

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
YEAR = 2025  # the latest year of the synthetic set: the landing page's default
DEFAULT_ROWS = "1000000,10000000"


@dataclass
class Figure:
    """One line of the table: our figure, its floor and the target."""

    what: str
    rows: int | None
    ours: float | None
    unit: str
    floor: float | None = None
    floor_what: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.floor:
            return None
        return self.ours / self.floor


def _seconds(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


# --------------------------------------------------------------------------- load


def load_one(db: Path, kind: str, path: Path) -> dict[str, Any]:
    """Load one file (run in its own process by :func:`_load_in_child`): seconds, peak MB."""
    from whatworks import ingest

    seconds, report = _seconds(lambda: ingest.load(db, kind, path, path.name, None, "bench"))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": seconds,
        "peak_mb": max(own, children) / 1024,
        "ok": report.ok,
        "errors": [p.message for p in report.errors[:3]],
        "inserted": report.inserted,
    }


def _load_in_child(db: Path, kind: str, path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "whatworks.bench", "--load-one", str(db), kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"{path.name} did not load: {result['errors']}")
    return result


def duckdb_read_csv(path: Path) -> float:
    """The floor: DuckDB reads the file into a table, detecting its dialect itself."""
    import duckdb

    with tempfile.TemporaryDirectory() as tmp, duckdb.connect(str(Path(tmp) / "f.duckdb")) as con:
        seconds, _ = _seconds(
            lambda: con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(path)])
        )
    return seconds


# --------------------------------------------------------------------------- views


@contextmanager
def _recorded_statements() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """The named statements run inside the block, with their bound values."""
    seen: list[tuple[str, dict[str, Any]]] = []
    real = store.statement

    def recording(name: str, *args: Any, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        sql, bound = real(name, *args, **kwargs)
        seen.append((sql, bound))
        return sql, bound

    store.statement = recording
    try:
        yield seen
    finally:
        store.statement = real


def landing_view(db: Path, home: str) -> dict[str, float]:
    """The overview's first run on a new generation, its bare SQL and the pandas way."""
    from whatworks import analytics

    with store.reader(db) as con, _recorded_statements() as statements:
        first, _ = _seconds(lambda: analytics.overview(con, year=YEAR, municipality=home))
    with store.reader(db) as con:
        bare, _ = _seconds(
            lambda: [con.execute(sql, bound).fetchall() for sql, bound in statements]
        )
        pandas_way, _ = _seconds(lambda: plain_pandas(con, home))
    return {"first": first, "bare_sql": bare, "pandas": pandas_way}


def plain_pandas(con: Any, home: str) -> Any:
    """The overview's question the plain pandas way: tables read whole, filtered, grouped.

    The year's spend per intervention of the home municipality beside the mean difference
    of its outcomes from their comparison group.
    """
    budget = con.execute("SELECT * FROM budget").df()
    outcomes = con.execute("SELECT * FROM outcomes").df()
    register = con.execute("SELECT * FROM programmes").df()
    spend = budget[(budget["year"] == YEAR) & (budget["municipality"] == home)]
    spend = spend.groupby("intervention_id")[["budgeted", "actual"]].sum()
    own = outcomes[(outcomes["municipality"] == home) & outcomes["intervention_id"].notna()]
    own = own.assign(diff=own["value"] - own["comparison"])
    effect = own.groupby("intervention_id")["diff"].agg(["mean", "std", "count"])
    return register.set_index("intervention_id").join(spend).join(effect)


def warm_view(db: Path, home: str) -> float:
    """The overview through the app's cache, after one run filled it."""
    from whatworks import analytics, ui

    generation = store.current_generation(db)
    assert generation is not None
    with store.reader(db) as con:
        latest = store.latest_version(con)
    frame = ui.Frame(db, generation, latest, latest, False, "en", ui.Filters())

    def view() -> Any:
        return frame.fetch(analytics.overview, year=YEAR, municipality=home, version=latest)

    view()
    seconds, _ = _seconds(view)
    return seconds


def new_session(db: Path) -> dict[str, float]:
    """Server CPU of a new session's first page (AppTest in a warmed process), in a child."""
    code = (
        "import json, os, time\n"
        "from streamlit.testing.v1 import AppTest\n"
        "app = os.path.join(os.environ['WHATWORKS_ROOT'], 'app.py')\n"
        "AppTest.from_file(app, default_timeout=120).run()\n"
        "cpu, wall = time.process_time(), time.perf_counter()\n"
        "at = AppTest.from_file(app, default_timeout=120).run()\n"
        "cpu, wall = time.process_time() - cpu, time.perf_counter() - wall\n"
        "assert not at.exception and len(at.metric) >= 3, at.main\n"
        "switch = time.process_time()\n"
        "at.switch_page('views/spend_vs_effect.py').run()\n"
        "switch = time.process_time() - switch\n"
        "assert not at.exception, at.exception\n"
        "print(json.dumps({'cpu': cpu, 'wall': wall, 'switch': switch}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "WHATWORKS_DB": str(db),
            "WHATWORKS_ROOT": str(ROOT),
        },
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- run


def build(folder: Path, rows: int) -> tuple[Path, synth.Manifest, dict[str, Any]]:
    """Write the set, load the small files, then the outcomes (timed, in its own process)."""
    data = folder / "data"
    manifest = synth.write(data, rows)
    db = folder / "bench.duckdb"
    store.save_settings(db, {"home_municipality": manifest.home_municipality})
    for kind in ("indicators", "programmes", "budget"):
        _load_in_child(db, kind, data / manifest.files[kind])
    loaded = _load_in_child(db, "outcomes", data / manifest.files["outcomes"])
    return db, manifest, loaded


def measure(rows: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="whatworks-bench-") as tmp:
        folder = Path(tmp)
        db, manifest, loaded = build(folder, rows)
        outcomes = folder / "data" / manifest.files["outcomes"]
        floor = duckdb_read_csv(outcomes)
        figures.append(
            Figure("load outcomes, validation included", rows, loaded["seconds"], "s", floor,
                   "DuckDB read_csv", "≤ 2× floor" + ("; < 60 s" if rows >= 10**7 else ""),
                   loaded["seconds"] <= 2 * floor and (rows < 10**7 or loaded["seconds"] < 60))
        )  # fmt: skip
        figures.append(
            Figure("load peak memory", rows, loaded["peak_mb"], "MB", target="< 1024 MB",
                   met=loaded["peak_mb"] < 1024)
        )  # fmt: skip
        view = landing_view(db, manifest.home_municipality)
        figures.append(
            Figure("landing view, first run after the load", rows, view["first"] * 1000, "ms",
                   view["bare_sql"] * 1000, "the same SQL, bare", "≤ 3× floor",
                   view["first"] <= 3 * view["bare_sql"])
        )  # fmt: skip
        figures.append(
            Figure("landing view vs the pandas way", rows, view["first"] * 1000, "ms",
                   view["pandas"] * 1000, "plain pandas", "≥ 10× faster at 10M",
                   view["pandas"] >= 10 * view["first"] if rows >= 10**7 else None)
        )  # fmt: skip
        warm = warm_view(db, manifest.home_municipality)
        figures.append(
            Figure("landing view, warm (cached)", rows, warm * 1000, "ms", target="< 100 ms",
                   met=warm < 0.1)
        )  # fmt: skip
        try:
            session = new_session(db)
            figures.append(
                Figure("new session, server CPU (AppTest)", rows, session["cpu"], "s",
                       session["switch"], "a page switch", "< 0.25 s", session["cpu"] < 0.25,
                       f"wall {session['wall']:.2f} s")
            )  # fmt: skip
        except (subprocess.CalledProcessError, ValueError) as exc:
            figures.append(Figure("new session", rows, None, "", note=_failure(exc)))
        figures.extend(_small_writes(db, rows))
        if os.environ.get("BENCH_BROWSER", "1") != "0" and rows == _scales()[0]:
            figures.extend(_filter_change(db, rows))
        if os.environ.get("BENCH_SOAK", "1") != "0" and rows == _scales()[0]:
            figures.extend(_soak(folder, db, manifest))
    return figures


def _failure(exc: Exception) -> str:
    """The last line a failed child wrote, for the table."""
    output = getattr(exc, "stderr", None) or str(exc)
    lines = [line for line in str(output).splitlines() if line.strip()]
    return "failed: " + (lines[-1][:120] if lines else type(exc).__name__)


def _small_writes(db: Path, rows: int) -> list[Figure]:
    """A setting, a decision and a mapping saved on the loaded database (bench_small_writes).

    A decision also reads the effect it records (an analytics read of its data version, made
    before the write, outside the writer's lock, on a freshly opened generation); that read
    alone stands as its floor, and the target is for the write beyond it.
    """
    result = bench_small_writes(db)
    figures = []
    for label in ("setting", "decision", "mapping"):
        ms = result[f"{label}_ms"]
        read = result["decision_evidence_ms"] if label == "decision" else None
        figures.append(
            Figure(f"small write: {label}", rows, ms, "ms", read,
                   "its effect read alone" if read else "",
                   "< 50 ms" + (" beyond the read" if read else ""), ms - (read or 0) < 50,
                   f"data file {result['database_mb']} MB, not copied")
        )  # fmt: skip
    return figures


def _soak(folder: Path, db: Path, manifest: synth.Manifest) -> list[Figure]:
    from whatworks import soak

    outcomes = folder / "data" / manifest.files["outcomes"]
    result = soak.run(db, outcomes)
    return [
        Figure("soak: 20 viewers, 60 s, two 1M-row loads: p95 page", None, result.p95,
               "s", target="< 3 s", met=result.p95 < 3, note=result.summary())
    ]  # fmt: skip


# --------------------------------------------------------------------------- filter change

CHROMIUM = Path("/usr/bin/chromium")
FILTER_CHANGES = 5  # years visited (each twice: first on this generation, then cached)
# In the page: the time of the click on a filter's option (capture phase: before Streamlit's
# own handler), and a check that is true once the run it asked for is drawn. The first tile
# is the year's total spend, labelled with the year; Plotly has drawn its traces.
_WATCH_CLICKS = """() => {
    window.__wwClicked = null;
    document.addEventListener('pointerdown', (event) => {
        if (event.target.closest('[role="option"]')) window.__wwClicked = performance.now();
    }, true);
}"""
_SETTLED = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && document.querySelector('[data-testid="stMetric"]')
    && document.querySelector('[data-testid="stPlotlyChart"] g.trace')"""
_DRAWN = """([year, before]) => {
    const first = document.querySelector('[data-testid="stMetric"]');
    if (window.__wwClicked === null || !first) return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const text = first.innerText;
    if (!text.includes(String(year)) || text === before) return false;
    const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
    if (!charts.length || !charts.every((c) => c.querySelector('g.trace'))) return false;
    return performance.now() - window.__wwClicked;
}"""


def filter_change(db: Path, changes: int = FILTER_CHANGES) -> dict[str, Any]:
    """Seconds from choosing another year on the landing view to its tiles and charts drawn.

    A real server (as the soak starts it) and headless Chromium: the click is timed in the
    page and the end is the first animation frame on which Streamlit's run has finished, the
    first tile shows the new year's total and every chart has its traces. ``changes`` years
    are each visited twice: first (nobody had asked for that year on this data version: the
    view is computed) and again (served from the cache). Medians of each.
    """
    import statistics

    from playwright.sync_api import sync_playwright

    from whatworks import browse, soak

    with store.reader(db) as con:
        years: list[int] = browse.filter_options(con, store.latest_version(con))["year"]
    visits = years[1 : changes + 1]  # the newest is shown first
    port = soak.free_port()
    server = soak.start_server(db, port)
    first: list[float] = []
    again: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
            )
            tab = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="en-US")
            tab.goto(f"http://127.0.0.1:{port}/")
            tab.wait_for_function(_SETTLED, timeout=120_000)
            tab.evaluate(_WATCH_CLICKS)
            box = tab.locator(".st-key-ww_year").get_by_role("combobox")
            for year in [*visits, *visits]:
                before = tab.locator('[data-testid="stMetric"]').first.inner_text()
                tab.evaluate("() => { window.__wwClicked = null; }")
                box.click()
                tab.get_by_role("option", name=str(year), exact=True).click()
                waited = tab.wait_for_function(
                    _DRAWN, arg=[year, before], polling="raf", timeout=120_000
                )
                seconds = waited.json_value() / 1000
                (again if len(first) == len(visits) else first).append(seconds)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"first": statistics.median(first), "again": statistics.median(again)}


def _filter_change(db: Path, rows: int) -> list[Figure]:
    what = "filter change (year) redrawn in the browser"
    if not CHROMIUM.exists():
        return [Figure(what, rows, None, "", note=f"no browser at {CHROMIUM}")]
    try:
        times = filter_change(db)
    except Exception as exc:  # a figure missing is a line of the table, not a failed bench
        return [Figure(what, rows, None, "", note=_failure(exc))]
    return [
        Figure(f"{what}, a year not yet shown", rows, times["first"], "s", target="< 0.5 s",
               met=times["first"] < 0.5, note=f"median of {FILTER_CHANGES}"),
        Figure(f"{what}, a year shown before (cached)", rows, times["again"], "s",
               target="< 0.5 s", met=times["again"] < 0.5, note=f"median of {FILTER_CHANGES}"),
    ]  # fmt: skip


def _scales() -> list[int]:
    text = os.environ.get("BENCH_ROWS", DEFAULT_ROWS)
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def table(figures: list[Figure]) -> str:
    head = "| what | rows | ours | floor | floor is | ratio | target | met |"
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[f.met]
        unit = f" {f.unit}" if f.ours is not None else ""
        floor = f"{_number(f.floor)} {f.unit}" if f.floor is not None else ""
        note = f" ({f.note})" if f.note else ""
        rows = f"{f.rows:,}" if f.rows else ""
        lines.append(
            f"| {f.what}{note} | {rows} | {_number(f.ours)}{unit} | {floor} | {f.floor_what} "
            f"| {ratio} | {f.target} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--load-one":
        print(json.dumps(load_one(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))))
        return
    started = time.perf_counter()
    load = os.getloadavg()[0]
    figures: list[Figure] = []
    for rows in _scales():
        print(f"measuring {rows:,} outcome rows ...", file=sys.stderr, flush=True)
        figures.extend(measure(rows))
    print(table(figures))
    took = time.perf_counter() - started
    print(f"\n{os.cpu_count()} cores, load average {load:.2f} at the start; took {took:.0f} s")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "figures": [{**asdict(f), "ratio": f.ratio} for f in figures],
                "cores": os.cpu_count(),
                "load_average": load,
                "seconds": took,
            },
            indent=2,
        ),
        encoding="utf-8",
    )


def bench_small_writes(db: Path, repeat: int = 5) -> dict[str, float]:
    """Milliseconds (the median of ``repeat``) of one settings save, one decision and one mapping
    save on ``db``, which must hold data with at least one registered intervention; and of the
    read of the effect a decision records (``decision_evidence_ms``, part of ``decision_ms``).

    Each is a dataset write of its own that copies only the generation's meta file: the
    writes should not grow with the data (the decision's read does).
    """
    import importlib
    import statistics

    from whatworks import decisions, ingest
    from whatworks.analytics.effects import effects_in_scope
    from whatworks.analytics.scope import resolve_scope

    changes = importlib.import_module("whatworks.dataops.changes")
    with store.reader(db) as con:
        latest = store.latest_version(con)
        row = store.run(con, "known_interventions").fetchone()
    assert row is not None, "the database needs a registered intervention"
    intervention = str(row[0])
    rates = iter(f"0.0{n % 9 + 1}" for n in range(repeat * 2))

    def setting() -> None:
        store.save_settings(db, {"discount_rate": next(rates)}, "bench")

    def decision() -> None:
        decisions.record(
            db,
            intervention_id=intervention,
            decision="continue",
            reason="bench",
            who="bench",
            view="bench",
            data_version=latest,
        )

    def mapping() -> None:
        actor = changes.Actor(name="bench", analyst=True)
        changes.save_mapping(db, actor, "bench", "budget", ingest.LoadOptions())

    def evidence() -> None:
        # What decisions.record reads before it writes, on a freshly opened generation as
        # each decision above met (the one before it published a new generation).
        generation = store.current_generation(db)
        assert generation is not None
        with store.open_generation(generation) as con:
            effects_in_scope(con, resolve_scope(con, version=latest), intervention)

    out: dict[str, float] = {}
    timed = (
        ("setting", setting),
        ("decision", decision),
        ("mapping", mapping),
        ("decision_evidence", evidence),
    )
    for label, write in timed:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            write()
            times.append((time.perf_counter() - start) * 1000)
        out[f"{label}_ms"] = round(statistics.median(times), 1)
    generation = store.current_generation(db)
    out["database_mb"] = round(generation.stat().st_size / 1e6, 1) if generation else 0.0
    return out


if __name__ == "__main__":
    main()
