"""Run the hostile corpus through the command line and measure what holds.

Every file goes through ``whatworks validate --json`` and ``whatworks load`` in a subprocess
with a time limit, against a database of its worker's own. A call is a *crash* when it ends
by a signal, prints a traceback or exits without one of our messages; a *hang* when it passes
its time limit. After a rejection (and after every validation) the database must be exactly as
before: the link, the versions, the archive and every table's content hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from models import Kind
from whatworks import ingest, store
from whatworks.ingest.load import archive_dir
from whatworks.stress.corpus import Case, base_row, csv_bytes

ROOT = Path(__file__).resolve().parents[2]
HOME = "Eemsdal"
TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Call:
    """One command line run: exit status (negative: a signal), output, seconds, whether it hung."""

    returncode: int
    out: str
    err: str
    seconds: float
    hung: bool = False


@dataclass
class Outcome:
    """What became of one file: the two verdicts and every finding (empty: all held)."""

    case: str
    kind: str
    group: str
    expect: str
    validate: str = ""
    load: str = ""
    seconds: float = 0.0
    findings: list[str] = field(default_factory=list)
    writes_on_reject: int = 0


def child_env(temp: Path) -> dict[str, str]:
    """The command line's environment: this checkout first, a private temp folder."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["TMPDIR"] = str(temp)
    env["WHATWORKS_USER"] = "stress"
    env.pop("WHATWORKS_DB", None)
    return env


def cli(args: Sequence[str], env: dict[str, str], timeout: float = TIMEOUT_S) -> Call:
    """``python -m whatworks ARGS``; a run past ``timeout`` is killed with its children."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "whatworks", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return Call(process.returncode, _text(out), _text(err), time.monotonic() - started, True)
    return Call(process.returncode, _text(out), _text(err), time.monotonic() - started)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def verdict(call: Call, loading: bool) -> str:
    """hang, crash, rejected, or loaded/valid."""
    if call.hung:
        return "hang"
    if call.returncode < 0 or "Traceback (most recent call last)" in call.out + call.err:
        return "crash"
    if call.returncode == 0:
        return "loaded" if loading else "valid"
    if call.returncode == 1 and _our_message(call):
        return "rejected"
    return "crash"


def _our_message(call: Call) -> bool:
    if "REJECTED:" in call.err or call.err.startswith("error: "):
        return True
    with contextlib.suppress(ValueError):
        return bool(json.loads(call.out).get("errors"))
    return False


# --------------------------------------------------------------------------- the database


def build_base(db: Path) -> Path:
    """A database holding the contract's example row of every kind (home Eemsdal, EUR)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store.save_settings(db, {"home_municipality": HOME, "default_currency": "EUR"})
    for kind in (Kind.indicators, Kind.programmes, Kind.budget, Kind.outcomes):
        data = csv_bytes([base_row(kind)])
        report = ingest.load(db, kind, data, f"base-{kind}.csv", loaded_by="stress")
        if not report.ok:
            msg = f"the base {kind} file does not load: {[e.message for e in report.errors]}"
            raise RuntimeError(msg)
    return db


def snapshot(db: Path) -> dict[str, Any]:
    """The link, the versions, the archive and every table's content hash."""
    generation = store.current_generation(db)
    archive = archive_dir(db)
    state: dict[str, Any] = {
        "link": os.readlink(db) if db.is_symlink() else None,
        "archive": sorted((p.name, p.stat().st_size) for p in archive.iterdir())
        if archive.exists()
        else [],
        "tables": {},
    }
    if generation is None:
        return state
    con = store.connect_generation(generation)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        for table in sorted(tables):
            name = store.ident(table)
            # Table names come from the database's own catalogue, quoted by store.ident.
            sql = f"SELECT count(*), md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM {name} t"  # noqa: S608, E501
            row = con.execute(sql).fetchone()
            state["tables"][table] = list(row) if row else None
    finally:
        con.close()
    return state


def stored_text(db: Path, kind: Kind, column: str, text: str | float) -> bool:
    """Whether the current rows of ``kind`` hold ``text`` (or a number) in ``column`` exactly."""
    generation = store.current_generation(db)
    if generation is None:
        return False
    con = store.connect_generation(generation)
    try:
        sql = f"SELECT count(*) FROM {store.ident(kind.value)} WHERE {store.ident(column)} = $v"  # noqa: S608
        row = con.execute(sql, {"v": text}).fetchone()
    finally:
        con.close()
    return bool(row and row[0])


def leftovers(db: Path, temp: Path | None = None) -> list[Path]:
    """What killed, failed or refused loads left behind: archived files no version names,
    ``*.tmp`` files beside the database, and temporary work folders (``whatworks-*`` in
    ``temp``). One function, so the store's own housekeeping check can take its place."""
    found: list[Path] = []
    archive = archive_dir(db)
    named: set[str] = set()
    generation = store.current_generation(db)
    if generation is not None:
        con = store.connect_generation(generation)
        try:
            rows = con.execute("SELECT sha256 FROM load_versions WHERE sha256 IS NOT NULL")
            named = {str(r[0]) for r in rows.fetchall()}
        finally:
            con.close()
    if archive.exists():
        for path in sorted(archive.iterdir()):
            if path.name.endswith(".tmp") or path.name.split(".")[0] not in named:
                found.append(path)
    generations = db.with_name(db.name + ".generations")
    if generations.exists():
        found += sorted(p for p in generations.iterdir() if ".tmp" in p.name)
    if temp is not None and temp.exists():
        found += sorted(temp.glob("whatworks-*"))
    return found


# --------------------------------------------------------------------------- one file


def view_errors(dbs: Sequence[Path], temp: Path, timeout: float = 900.0) -> list[str]:
    """Every view rendered on each database, in a child process; its exceptions."""
    done = subprocess.run(
        [sys.executable, "-m", "whatworks.stress.views", *map(str, dbs)],
        cwd=ROOT, env=child_env(temp), capture_output=True, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip
    try:
        return [str(e) for e in json.loads(done.stdout.strip().splitlines()[-1])]
    except (ValueError, IndexError):
        return [f"the views did not render (exit {done.returncode}): {done.stderr[-500:]}"]


def commands(args: Sequence[Sequence[str]], env: dict[str, str], timeout: float) -> list[Call]:
    """Several ``whatworks`` commands in one child process (``whatworks.stress.child``); a
    child that dies or hangs gives that verdict to the command it was in and to the rest."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "whatworks.stress.child"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    hung = False
    try:
        out, err = process.communicate(json.dumps([list(a) for a in args]).encode(), timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        hung = True
    seconds = time.monotonic() - started
    try:
        results = json.loads(_text(out).strip().splitlines()[-1])
    except (ValueError, IndexError):
        results = []
    calls = [Call(r["code"], r["out"], r["err"], seconds) for r in results]
    stray = _text(err)
    if len(calls) < len(args):  # it died (or hung) in the next command
        code = process.returncode if process.returncode is not None else -9
        calls += [Call(code, "", stray, seconds, hung)] * (len(args) - len(calls))
    elif "Traceback (most recent call last)" in stray:  # e.g. a reader child's own traceback
        calls[-1] = Call(calls[-1].returncode, calls[-1].out, calls[-1].err + stray, seconds)
    return calls


def run_case(case: Case, db: Path, folder: Path, temp: Path, timeout: float = TIMEOUT_S) -> Outcome:
    """Validate and load one file through the command line and judge what happened."""
    path = folder / case.name
    path.write_bytes(case.data)
    env = child_env(temp)
    outcome = Outcome(case.name, case.kind.value, case.group, case.expect)
    before = snapshot(db)
    started = time.monotonic()
    checked, loaded = commands(
        [
            ["validate", case.kind.value, str(path), "--db", str(db), "--json"],
            ["load", case.kind.value, str(path), "--db", str(db), "--yes"],
        ],
        env,
        2 * timeout,
    )
    outcome.validate = verdict(checked, loading=False)
    outcome.load = verdict(loaded, loading=True)
    outcome.seconds = time.monotonic() - started
    for name, call, verdict_ in (
        ("validate", checked, outcome.validate),
        ("load", loaded, outcome.load),
    ):
        if verdict_ in ("crash", "hang"):
            tail = (call.err or call.out).strip().splitlines()[-3:]
            outcome.findings.append(
                f"{name} {verdict_} (exit {call.returncode}): {' | '.join(tail)}"
            )
    after = snapshot(db)
    if outcome.load != "loaded" and after != before:
        outcome.findings.append("a rejected file changed the database")
        outcome.writes_on_reject += 1
    if outcome.load == "loaded" and _versions(after) != _versions(before) + 1:
        outcome.findings.append("validate and load made more than one version")
    if outcome.load == "rejected" and case.name not in loaded.err:
        outcome.findings.append("the rejection does not name the file")
    _judge(case, checked, outcome, db)
    path.unlink()
    return outcome


def _versions(state: dict[str, Any]) -> int:
    counted = state["tables"].get("load_versions")
    return int(counted[0]) if counted else 0


def _judge(case: Case, checked: Call, outcome: Outcome, db: Path) -> None:
    """Compare with what the case expects: rejected or loaded, where, what was stored."""
    agree = {("valid", "loaded"), ("rejected", "rejected")}
    if (outcome.validate, outcome.load) not in agree and "crash" not in (
        outcome.validate,
        outcome.load,
    ):
        outcome.findings.append(f"validate said {outcome.validate}, load {outcome.load}")
    if case.expect == "reject" and outcome.load == "loaded":
        outcome.findings.append("loaded, but must be rejected")
    if case.expect == "load" and outcome.load == "rejected":
        outcome.findings.append("rejected, but must load")
    if case.where is not None and outcome.validate == "rejected":
        row, column = case.where
        try:
            errors = json.loads(checked.out).get("errors", [])
        except ValueError:
            errors = []
        named = [
            e for e in errors if e.get("column") == column and (row is None or e.get("row") == row)
        ]
        if not named:
            got = [(e.get("row"), e.get("column"), e.get("code")) for e in errors][:3]
            outcome.findings.append(f"no problem names row {row}, column {column!r} (got {got})")
    if outcome.load == "loaded":
        for column, text in case.stored.items():
            if not stored_text(db, case.kind, column, text.strip()):
                outcome.findings.append(f"{column!r} not stored byte for byte")
        for column, number in case.numbers.items():
            if not stored_text(db, case.kind, column, number):
                outcome.findings.append(f"{column!r} not stored as {number!r}")


def run_cases(
    cases: Sequence[Case],
    root: Path,
    workers: int = 2,
    timeout: float = TIMEOUT_S,
    progress: bool = False,
) -> tuple[list[Outcome], list[Path], list[Path]]:
    """Every case, spread over ``workers`` databases; returns the outcomes, the databases and
    their temp folders (for the viewer check and the leftovers)."""
    dbs, temps = [], []
    for n in range(workers):
        temps.append(root / f"tmp-{n}")
        temps[-1].mkdir(parents=True, exist_ok=True)
        (root / f"files-{n}").mkdir(parents=True, exist_ok=True)
        dbs.append(build_base(root / f"db-{n}" / "whatworks.duckdb"))

    done: list[Outcome] = []

    def work(n: int) -> list[Outcome]:
        mine = []
        for case in cases[n::workers]:
            mine.append(run_case(case, dbs[n], root / f"files-{n}", temps[n], timeout))
            done.append(mine[-1])
            if progress and len(done) % 50 == 0:
                print(f"  {len(done)} of {len(cases)} files", flush=True)
        return mine

    with ThreadPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(work, range(workers)))
    by_name = {o.case: o for part in parts for o in part}
    return [by_name[c.name] for c in cases], dbs, temps


# --------------------------------------------------------------------------- kills, concurrency


def budget_file(rows: int, year: int, amount: int) -> bytes:
    """A budget of ``rows`` lines for Eemsdal in ``year``, each line ``amount``."""
    lines = ["year;programme;intervention_id;municipality;actual"]
    lines += [f"{year};P{i % 50};I{i};{HOME};{amount}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _budget_year(db: Path, year: int) -> tuple[int, int]:
    generation = store.current_generation(db)
    if generation is None:
        return 0, 0
    con = store.connect_generation(generation)
    try:
        row = con.execute(
            "SELECT count(*), coalesce(sum(actual), 0) FROM budget WHERE year = $y", {"y": year}
        ).fetchone()
    finally:
        con.close()
    return (int(row[0]), int(row[1])) if row else (0, 0)


@dataclass
class KillResult:
    runs: int = 0
    survived: int = 0
    completed_before_kill: int = 0
    load_after: bool = False
    seconds_per_load: float = 0.0
    leftovers: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)


def kill_test(root: Path, runs: int, rows: int, seed: int = 7) -> KillResult:
    """``kill -9`` a load of ``rows`` lines at a random moment, ``runs`` times: only the version
    before or a complete new version may remain, and the next load must work."""
    import random

    rng = random.Random(seed)  # noqa: S311 (when to kill, the same on every run)
    result = KillResult(runs=runs)
    temp = root / "tmp-kill"
    temp.mkdir(parents=True, exist_ok=True)
    db = build_base(root / "db-kill" / "whatworks.duckdb")
    env = child_env(temp)
    year = 2030
    path = root / "kill.csv"
    path.write_bytes(budget_file(rows, year, 1))
    first = cli(["load", "budget", str(path), "--db", str(db), "--yes"], env, 600)
    if first.returncode != 0:
        result.findings.append(f"the first load failed: {first.err[-300:]}")
        return result
    result.seconds_per_load = first.seconds
    for run in range(runs):
        amount = run + 2
        path.write_bytes(budget_file(rows, year, amount))
        before, before_year = snapshot(db), _budget_year(db, year)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "whatworks",
                "load",
                "budget",
                str(path),
                "--db",
                str(db),
                "--yes",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.05, 1.0) * first.seconds)
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        else:
            result.completed_before_kill += 1
        process.wait()
        try:
            after, after_year = snapshot(db), _budget_year(db, year)
        except (duckdb.Error, OSError) as exc:
            result.findings.append(f"run {run}: the database cannot be read after the kill: {exc}")
            continue
        unchanged = after["tables"] == before["tables"] and after_year == before_year
        versions_before = before["tables"].get("load_versions", [0])[0]
        complete = after["tables"].get("load_versions", [0])[
            0
        ] == versions_before + 1 and after_year == (rows, rows * amount)
        if unchanged or complete:
            result.survived += 1
        else:
            result.findings.append(f"run {run}: neither the old nor a complete new version")
    path.write_bytes(budget_file(100, year + 1, 1))
    last = cli(["load", "budget", str(path), "--db", str(db), "--yes"], env, 600)
    result.load_after = last.returncode == 0
    if not result.load_after:
        result.findings.append(f"the load after the kills failed: {last.err[-300:]}")
    time.sleep(0.5)  # a killed reader's child finishes its read and exits
    result.leftovers = [str(p) for p in leftovers(db, temp)]
    return result


@dataclass
class ConcurrencyResult:
    rounds: int = 0
    two_versions: int = 0
    findings: list[str] = field(default_factory=list)


def concurrency_test(root: Path, rounds: int, rows: int = 2_000) -> ConcurrencyResult:
    """Two loads started at the same moment end as two versions, ``rounds`` times."""
    result = ConcurrencyResult(rounds=rounds)
    temp = root / "tmp-concurrent"
    temp.mkdir(parents=True, exist_ok=True)
    db = build_base(root / "db-concurrent" / "whatworks.duckdb")
    env = child_env(temp)
    for r in range(rounds):
        years = (2040 + 2 * r, 2041 + 2 * r)
        paths = []
        for year in years:
            paths.append(root / f"concurrent-{year}.csv")
            paths[-1].write_bytes(budget_file(rows, year, 3))
        versions = snapshot(db)["tables"]["load_versions"][0]
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "whatworks", "load", "budget", str(p), "--db", str(db)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for p in paths
        ]
        codes = [p.wait(timeout=600) for p in processes]
        after = snapshot(db)["tables"]["load_versions"][0]
        whole = all(_budget_year(db, y) == (rows, rows * 3) for y in years)
        if codes == [0, 0] and after == versions + 2 and whole:
            result.two_versions += 1
        else:
            result.findings.append(f"round {r}: exits {codes}, versions {versions} -> {after}")
    return result


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def count(outcomes: Iterable[Outcome], **where: str) -> int:
    return sum(1 for o in outcomes if all(getattr(o, k) == v for k, v in where.items()))
