"""Two processes on one database: a CLI load while the app reads, and a writer that dies.

The app and the CLI share the database file. These tests run the reader and the writer as
separate operating-system processes, as `make run` and `whatworks load` would.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import builders
import children

from whatworks import ingest, store

ROOT = Path(__file__).resolve().parents[1]

READ_BUDGET = """
def read(con):
    version = store.latest_version(con)
    count = con.execute("SELECT count(*) FROM budget").fetchone()[0]
    total = con.execute("SELECT sum(actual) FROM budget").fetchone()[0]
    return [version, count, str(total)]
"""


def _budget_csv(year_rows: int, amount: str) -> bytes:
    lines = ["year;programme;intervention_id;actual"]
    lines += [f"2024;P{i % 7};I{i};{amount}" for i in range(year_rows)]
    return ("\n".join(lines) + "\n").encode()


def test_cli_loads_while_another_process_reads(tmp_path: Path) -> None:
    db = builders.database(tmp_path / "w.duckdb", [("budget", _budget_csv(10, "1,00"))])
    with children.watching(db, tmp_path, READ_BUDGET) as result:
        time.sleep(1.0)
        files = []
        for n, (rows, amount) in enumerate([(20, "2,00"), (5, "3,00"), (40, "4,00"), (7, "5,00")]):
            path = tmp_path / f"b{n + 1}.csv"
            path.write_bytes(_budget_csv(rows, amount))
            files.append(path)
            done = subprocess.run(
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
                env=children.env(),
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
            time.sleep(0.5)
    assert result["errors"] == []
    # Every version was always seen whole: one row count and one total per version.
    by_version: dict[int, set[tuple[int, str]]] = {}
    for version, count, total in result["seen"]:
        by_version.setdefault(version, set()).add((count, total))
    assert all(len(states) == 1 for states in by_version.values()), by_version
    expected = {1: (10, "10.00"), 2: (20, "40.00"), 3: (5, "15.00"), 4: (40, "160.00")}
    for version, states in by_version.items():
        if version in expected:
            assert states == {expected[version]}
    assert len(by_version) >= 3, "the reader should have seen several versions go by"


def test_open_reader_does_not_block_a_load(tmp_path: Path) -> None:
    db = builders.database(tmp_path / "w.duckdb", [("budget", _budget_csv(3, "1,00"))])
    with store.reader(db) as held:
        report = ingest.load(db, "budget", _budget_csv(4, "1,00"), "b.csv")
        assert report.ok, report.errors
        # The connection opened before the load still sees its own, whole snapshot.
        assert held.execute("SELECT count(*) FROM budget").fetchone() == (3,)
    with store.reader(db) as fresh:
        assert fresh.execute("SELECT count(*) FROM budget").fetchone() == (4,)


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from whatworks import store

    with store.writer(Path(sys.argv[1])) as con:
        con.execute("DELETE FROM budget_rows")
        os._exit(9)  # the process dies in the middle of its transaction
    """
)


def test_killed_writer_leaves_data_exactly_as_it_was(tmp_path: Path) -> None:
    db = builders.database(tmp_path / "w.duckdb", [("budget", _budget_csv(6, "2,50"))])
    before = store.current_generation(db)
    with store.reader(db) as con:
        rows_before = con.execute("SELECT * FROM budget ORDER BY ALL").fetchall()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(db)], env=children.env(), cwd=ROOT, check=False
    )
    assert done.returncode == 9
    assert store.current_generation(db) == before
    with store.reader(db) as con:
        assert con.execute("SELECT * FROM budget ORDER BY ALL").fetchall() == rows_before
    # The next load works, never replays the dead writer's log, and cleans up after it.
    next_year = _budget_csv(2, "1,00").replace(b"2024;", b"2025;")
    assert ingest.load(db, "budget", next_year, "b.csv").ok
    with store.reader(db) as con:
        assert con.execute("SELECT count(*) FROM budget").fetchone() == (8,)
    leftovers = [p.name for p in (db.parent / (db.name + ".generations")).iterdir()]
    assert not [name for name in leftovers if ".tmp" in name]


# Dies between COMMIT and CHECKPOINT: its change is committed to the temporary file's
# write-ahead log, but never published.
KILLED_AFTER_COMMIT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from whatworks import store

    real_connect = store.duckdb.connect

    class DiesAtCheckpoint:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *args):
            if sql.startswith("CHECKPOINT"):
                os._exit(9)
            return self._con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._con, name)

    store.duckdb.connect = lambda *a, **k: DiesAtCheckpoint(real_connect(*a, **k))
    with store.writer(Path(sys.argv[1])) as con:
        con.execute("DELETE FROM budget_rows")
    """
)


def test_writer_killed_after_commit_is_never_replayed(tmp_path: Path) -> None:
    db = builders.database(tmp_path / "w.duckdb", [("budget", _budget_csv(6, "2,50"))])
    before = store.current_generation(db)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_COMMIT, str(db)],
        env=children.env(),
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 9
    generations = db.parent / (db.name + ".generations")
    # The data file's copy and its log (the DELETE committed to it), and the meta file's copy.
    assert before is not None
    left = {p.name for p in generations.glob("*.tmp*")}
    number = f"{int(before.stem) + 1:08d}"
    assert {f"{number}.tmp", f"{number}.tmp.wal", f"{number}.meta.tmp"} <= left, left
    assert store.current_generation(db) == before
    # The next write starts from the published data: the six rows are still there.
    next_year = _budget_csv(2, "1,00").replace(b"2024;", b"2025;")
    report = ingest.load(db, "budget", next_year, "b.csv")
    assert (report.ok, report.version, report.replaced) == (True, 2, 0)
    with store.reader(db) as con:
        years = con.execute("SELECT year, count(*) FROM budget GROUP BY year ORDER BY year")
        assert years.fetchall() == [(2024, 6), (2025, 2)]
    assert not [p.name for p in generations.iterdir() if ".tmp" in p.name]
