"""The store when things go wrong: leftovers of dead loads, a lost generation, a full disk,
a read-only folder, and files that are not our database. Each ends in a message that says
what, where and what to do, with nothing written and nothing left behind."""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import builders
import children
import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from whatworks import ingest, plain, store
from whatworks.i18n import LANGUAGES, catalogue, t

load_module = importlib.import_module("whatworks.ingest.load")
ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BUDGET = "jaar;programma;begroot\n"
FIXTURE = str(Path(__file__).resolve().parent / "fixtures" / "budget_eemsdal.csv")
FIRST = BUDGET + "2024;Jeugd;100\n2024;Wmo;200\n"
SECOND = BUDGET + "2025;Jeugd;110\n"
# The budget view after FIRST and SECOND, computed by hand.
AFTER_TWO = [
    (2024, "Jeugd", None, 100, None, "Eemsdal", "EUR", None),
    (2024, "Wmo", None, 200, None, "Eemsdal", "EUR", None),
    (2025, "Jeugd", None, 110, None, "Eemsdal", "EUR", None),
]


def _budget(db: Path) -> list[tuple[Any, ...]]:
    with store.reader(db) as con:
        return con.execute("SELECT * FROM budget ORDER BY ALL").fetchall()


def _latest(db: Path) -> int:
    with store.reader(db) as con:
        return store.latest_version(con)


def _dead_pid() -> int:
    """The id of a process that has ended (and was reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=False, **_quiet()
    )
    return int(done.stdout)


def _quiet() -> dict[str, Any]:
    return {"capture_output": True, "text": True, "env": children.env(), "cwd": ROOT}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line as an analyst runs it (``main()``: no traceback may escape)."""
    return subprocess.run([sys.executable, "-m", "whatworks", *args], check=False, **_quiet())


def _files(folder: Path) -> set[str]:
    """Every file and folder below ``folder`` with its size (a change in any shows)."""
    if not folder.exists():
        return set()
    return {
        f"{p.relative_to(folder)}:{p.stat().st_size if p.is_file() else 'dir'}"
        for p in folder.rglob("*")
    }


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temporary folder for this test (work folders of other tests stay apart)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture
def db(tmp_path: Path, temp_folder: Path) -> Path:
    """Two loads: versions 1 and 2, two generations kept."""
    del temp_folder
    return builders.database(
        tmp_path / "data" / "w.duckdb", [("budget", FIRST), ("budget", SECOND)]
    )


# --------------------------------------------------------------------------- housekeeping


def test_the_next_write_removes_what_dead_writers_left(db: Path, temp_folder: Path) -> None:
    gen_dir = db.parent / "w.duckdb.generations"
    archive = db.parent / "archive"
    current = store.current_generation(db)
    assert current is not None
    dead = _dead_pid()
    made = [
        gen_dir / "00000009.tmp",
        gen_dir / "00000009.tmp.wal",
        archive / ("a" * 64 + ".csv"),  # an archive file no version names
        archive / ("b" * 64 + f".csv.{dead}.tmp"),  # an older release's, of a dead process
        archive / ("c" * 64 + f".csv.{os.getpid()}@w.duckdb.tmp"),  # this database's
    ]
    for path in made:
        path.write_bytes(b"half a file")
    unpublished = gen_dir / f"{int(current.stem) + 1:08d}.duckdb"
    shutil.copyfile(current, unpublished)
    link = db.parent / ".w.duckdb.link-4242"
    link.symlink_to(current)
    work = temp_folder / f"whatworks-{dead}-abc"
    (work / "staging").mkdir(parents=True)
    (work / "staging" / "incoming.parquet").write_bytes(b"x" * 1000)
    # What is not a leftover: the work folder of a live process, a sibling database's archive
    # file on its way, a generation that is kept, a file a version names.
    live = temp_folder / f"whatworks-{os.getpid()}-def"
    live.mkdir()
    sibling_tmp = archive / ("d" * 64 + f".csv.{os.getpid()}@other.duckdb.tmp")
    sibling_tmp.write_bytes(b"on its way")
    named = {p.name for p in archive.iterdir()} - {p.name for p in made} - {sibling_tmp.name}
    assert len(named) == 2  # the two loaded files

    expected = {*made, unpublished, link, work}
    assert set(store.leftovers(db)) == expected
    report = builders.load(db, "budget", BUDGET + "2026;Jeugd;5\n")
    assert report.version == 3  # the unpublished generation did not shift the history
    assert store.leftovers(db) == []
    assert not any(p.exists() or p.is_symlink() for p in expected - {unpublished})
    assert store.current_generation(db) == unpublished  # its number, now holding version 3
    assert live.exists()
    assert sibling_tmp.exists()
    assert {p.name for p in archive.iterdir()} == named | {sibling_tmp.name} | {
        f"{report.sha256}.csv"
    }
    assert _budget(db)[-1] == (2026, "Jeugd", None, 5, None, "Eemsdal", "EUR", None)


KILLED_LOAD = textwrap.dedent(
    """
    import importlib, os, signal, sys
    from pathlib import Path
    from whatworks import ingest

    load = importlib.import_module("whatworks.ingest.load")

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 inside the writer, after archiving

    load.apply = die
    data = b"jaar;programma;begroot\\n2026;Sport;999\\n"
    ingest.load(Path(sys.argv[1]), "budget", data, "killed.csv", confirmed=True)
    """
)


def test_a_load_killed_with_sigkill_leaves_the_last_version_and_the_next_cleans_up(
    db: Path, temp_folder: Path
) -> None:
    before = store.current_generation(db)
    done = subprocess.Popen(
        [sys.executable, "-c", KILLED_LOAD, str(db)], env=children.env(), cwd=ROOT
    )
    assert done.wait(timeout=120) == -9
    left = {p.name for p in store.leftovers(db)}
    # The dead load's archive file (no version names it), its temporary generation and its
    # work folder are there; the data is exactly version 2.
    assert any(name.startswith(f"whatworks-{done.pid}-") for name in left), left
    assert any(name.endswith(".tmp") for name in left), left
    assert len([n for n in left if len(n.split(".")[0]) == 64]) == 1, left
    assert store.current_generation(db) == before
    assert (_latest(db), _budget(db)) == (2, AFTER_TWO)
    assert ingest.load(db, "budget", (BUDGET + "2026;Wmo;7\n").encode(), "n.csv").version == 3
    assert store.leftovers(db) == []
    assert not list(temp_folder.iterdir())
    assert _budget(db) == [*AFTER_TWO, (2026, "Wmo", None, 7, None, "Eemsdal", "EUR", None)]


def test_a_load_that_fails_in_the_writer_leaves_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(db.parent)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug after archiving")

    monkeypatch.setattr(load_module, "apply", fail)
    with pytest.raises(RuntimeError, match="a bug after archiving"):
        ingest.load(db, "budget", (BUDGET + "2026;Sport;1\n").encode(), "x.csv", confirmed=True)
    assert _files(db.parent) == before  # no archive file, no temporary generation
    assert store.leftovers(db) == []


def test_a_full_disk_while_archiving_is_a_message_and_leaves_no_tmp(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(db.parent)
    real_write = Path.write_bytes

    def half_then_full(self: Path, data: Any) -> int:
        if self.parent.name != "archive":
            return real_write(self, data)
        real_write(self, bytes(data)[:10])
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    report = ingest.load(db, "budget", (BUDGET + "2026;Sport;1\n").encode(), "x.csv")
    monkeypatch.undo()
    assert not report.ok
    assert [e.key for e in report.errors] == ["problem.store.disk_full"]
    assert str(db.parent) in report.errors[0].message
    assert report.version is None
    assert _files(db.parent) == before
    assert store.leftovers(db) == []
    assert builders.load(db, "budget", BUDGET + "2026;Sport;1\n").version == 3


# --------------------------------------------------------------------------- a lost generation


def _lose_current(db: Path) -> tuple[Path, Path]:
    """Delete the generation the link points at; returns (it, the one before it)."""
    current = store.current_generation(db)
    assert current is not None
    earlier = sorted(p for p in current.parent.glob("*.duckdb") if p.stem.isdigit())  # data files
    assert earlier[-1] == current
    current.unlink()
    return current, earlier[-2]


def test_a_missing_generation_is_an_error_naming_the_last_good_one(db: Path) -> None:
    lost, last_good = _lose_current(db)
    with pytest.raises(store.StoreError) as caught:
        store.current_generation(db)
    assert caught.value.code == "generation_missing"
    message = str(caught.value)
    assert str(lost) in message
    assert str(last_good) in message
    assert f"ln -sfn w.duckdb.generations/{last_good.name} {db}" in message
    with pytest.raises(store.StoreError, match="is missing"), store.reader(db):
        pass
    # A load refuses with the same message, and starts no new history.
    files = _files(db.parent)
    report = ingest.load(db, "budget", SECOND.encode(), "again.csv")
    assert [e.key for e in report.errors] == ["problem.store.generation_missing"]
    assert _files(db.parent) == files
    with pytest.raises(store.StoreError, match="is missing"):
        store.save_settings(db, {"home_municipality": "Noordwold"})
    # The command it names brings back the last good generation: version 1.
    db.unlink()
    db.symlink_to(Path("w.duckdb.generations") / last_good.name)
    assert (_latest(db), _budget(db)) == (1, AFTER_TWO[:2])


def test_versions_command_names_the_lost_generation_never_no_versions_yet(db: Path) -> None:
    _, last_good = _lose_current(db)
    done = _cli("versions", "--db", str(db))
    assert done.returncode == 1
    assert "no versions yet" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert str(last_good) in done.stderr
    load = _cli("load", "budget", "--db", str(db), FIXTURE)
    assert load.returncode == 1
    assert "REJECTED" in load.stderr
    assert str(last_good) in load.stderr
    assert store.leftovers(db) == []


def test_a_missing_link_with_generations_left_is_an_error_not_a_new_history(db: Path) -> None:
    current = store.current_generation(db)
    db.unlink()
    with pytest.raises(store.StoreError) as caught:
        store.current_generation(db)
    assert caught.value.code == "link_missing"
    assert str(current) in str(caught.value)
    report = ingest.load(db, "budget", SECOND.encode(), "again.csv")
    assert [e.key for e in report.errors] == ["problem.store.link_missing"]
    assert not db.exists()
    assert not db.is_symlink()


def test_with_no_generation_left_it_says_restore_from_a_backup(db: Path) -> None:
    current = store.current_generation(db)
    assert current is not None
    for generation in current.parent.glob("*.duckdb"):
        generation.unlink()
    with pytest.raises(store.StoreError) as caught:
        store.current_generation(db)
    assert caught.value.code == "generation_missing_none"
    assert "backup" in str(caught.value)


def test_the_app_shows_the_lost_generation_instead_of_a_traceback(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lost, last_good = _lose_current(db)
    monkeypatch.setenv("WHATWORKS_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    command = f"ln -sfn w.duckdb.generations/{last_good.name} {db}"
    expected = plain.say(
        "problem.store.generation_missing",
        "en",
        path=str(db),
        target=str(lost),
        generation=str(last_good),
        command=command,
    )
    assert [e.value for e in at.error] == [expected]


# --------------------------------------------------------------------------- failure paths


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small file system of its own at ``folder`` (root only; skipped otherwise)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_read_only_data_folder_is_a_message_and_nothing_is_written(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "ro", "16m") as folder:
        db = builders.database(folder / "w.duckdb", [("budget", FIRST)])
        before = _files(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        done = _cli("load", "budget", "--db", str(db), FIXTURE)
        settings = _cli("settings", "home_municipality=Noordwold", "--db", str(db))
        versions = _cli("versions", "--db", str(db))
        assert _files(folder) == before
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert t("problem.store.not_writable", "en", folder=folder) in done.stderr
    assert settings.returncode != 0
    assert "Traceback" not in settings.stderr
    assert str(folder) in settings.stderr
    assert versions.returncode == 0  # reading a read-only folder works
    assert "budget" in versions.stdout


def test_a_full_disk_is_a_message_and_the_next_load_works(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "full", "8m") as folder:
        db = builders.database(folder / "w.duckdb", [("budget", FIRST)])
        filler = folder / "filler"
        free = shutil.disk_usage(folder).free
        filler.write_bytes(b"\0" * max(free - 200_000, 0))
        before = _files(folder)
        data = BUDGET + "".join(f"2025;P{i};{i}\n" for i in range(30_000))
        source = tmp_path / "big.csv"
        source.write_text(data)
        done = _cli("load", "budget", "--db", str(db), str(source), "--yes")
        assert _files(folder) == before
        assert store.leftovers(db) == []
        filler.unlink()
        again = _cli("load", "budget", "--db", str(db), str(source), "--yes")
        assert again.returncode == 0, again.stderr
        assert _latest(db) == 2
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert t("problem.store.disk_full", "en", folder=folder) in done.stderr


def test_a_full_temp_folder_is_a_message(tmp_path: Path, db: Path) -> None:
    with _tmpfs(tmp_path / "smalltmp", "64k") as folder:
        (folder / "filler").write_bytes(b"\0" * 60_000)
        env = children.env(TMPDIR=str(folder))
        data = BUDGET + "".join(f"2025;P{i};{i}\n" for i in range(30_000))
        source = tmp_path / "big.csv"
        source.write_text(data)
        before = _files(db.parent)
        done = subprocess.run(
            [sys.executable, "-m", "whatworks", "load", "budget", str(source), "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            cwd=ROOT,
        )
        assert _files(db.parent) == before
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert t("problem.store.temp_full", "en", folder=folder) in done.stderr


def _not_a_database(tmp_path: Path, case: str) -> tuple[Path, str]:
    """A --db path of each bad kind, and the message code it must give."""
    path = tmp_path / f"{case}.duckdb"
    if case == "directory":
        path.mkdir()
        return path, "is_a_directory"
    if case == "junk":
        path.write_bytes(b"this is not a database\n" * 500)
        return path, "not_a_database"
    if case == "other_duckdb":
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
        con.execute("INSERT INTO customers VALUES (1, 'A')")
        con.close()
        return path, "not_our_database"
    assert case == "symlink_loop"
    path.symlink_to(path.name)
    return path, "symlink_loop"


BAD_PATHS = ("directory", "junk", "other_duckdb", "symlink_loop")


@pytest.mark.parametrize("case", BAD_PATHS)
def test_a_db_that_is_not_ours_is_a_message_for_every_command(tmp_path: Path, case: str) -> None:
    path, code = _not_a_database(tmp_path, case)
    before = _files(tmp_path)
    expected = t(f"problem.store.{code}", "en", path=path)
    budget = FIXTURE
    for args in (
        ["load", "budget", budget],
        ["validate", "budget", budget],
        ["versions"],
        ["settings", "home_municipality=Eemsdal"],
        ["mappings"],
        ["restore", "1"],
    ):
        done = _cli(*args, "--db", str(path))
        assert done.returncode != 0, (args, done.stdout)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert expected in done.stderr, (args, done.stderr)
    assert _files(tmp_path) == before


@pytest.mark.parametrize("case", BAD_PATHS)
def test_the_app_says_what_is_wrong_with_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path, code = _not_a_database(tmp_path, case)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [plain.say(f"problem.store.{code}", "en", path=str(path))]


def test_every_storage_message_is_translated() -> None:
    for code in store.STORE_ERRORS:
        texts = {lang: catalogue(lang)[f"problem.store.{code}"] for lang in LANGUAGES}
        assert len(set(texts.values())) == len(LANGUAGES), code  # no English copies


# --------------------------------------------------------------------------- compaction


def test_only_the_current_and_the_last_good_generation_are_kept(db: Path) -> None:
    gen_dir = db.parent / "w.duckdb.generations"
    with store.reader(db) as held:  # a reader that has version 2 open
        for year in (2026, 2027, 2028):
            builders.load(db, "budget", BUDGET + f"{year};Sport;1\n")
        names = sorted(p.name for p in gen_dir.iterdir())
        # Settings (1), two loads (2, 3) and three more loads (4, 5, 6): only 5 and 6 are left.
        assert names == [
            "00000005.duckdb",
            "00000005.meta.duckdb",
            "00000006.duckdb",
            "00000006.meta.duckdb",
        ]
        # The removed generation is still whole for the reader that had it open.
        assert held.execute("SELECT * FROM budget ORDER BY ALL").fetchall() == AFTER_TWO
    assert _latest(db) == 5
    assert store.leftovers(db) == []


def test_a_writer_skips_the_schema_it_has_and_rebuilds_one_that_changed(db: Path) -> None:
    with store.writer(db) as con:  # a view changed by hand, the fingerprint kept
        con.execute("CREATE OR REPLACE VIEW budget AS SELECT 1 AS changed")
    builders.load(db, "budget", BUDGET + "2026;Sport;1\n")
    with store.reader(db) as con:
        assert con.execute("SELECT * FROM budget").fetchall() == [(1,)]
    with store.writer(db) as con:  # as a database written by another release would be
        con.execute("UPDATE schema_info SET fingerprint = 'another release'")
    builders.load(db, "budget", BUDGET + "2027;Sport;2\n")
    assert _budget(db)[-2:] == [
        (2026, "Sport", None, 1, None, "Eemsdal", "EUR", None),
        (2027, "Sport", None, 2, None, "Eemsdal", "EUR", None),
    ]


def test_bench_small_writes_times_a_setting_a_decision_and_a_mapping(tmp_path: Path) -> None:
    from whatworks.bench import bench_small_writes

    register = "interventie;naam;programma;fase\nJZ-01;Coaching;Jeugd;pilot\n"
    db = builders.database(tmp_path / "w.duckdb", [("programmes", register)])
    figures = bench_small_writes(db, repeat=1)
    assert set(figures) == {
        "setting_ms",
        "decision_ms",
        "mapping_ms",
        "decision_evidence_ms",
        "database_mb",
    }
    assert all(value > 0 for value in figures.values())
    # Each was a version of its own: settings (2), the decision (3); a mapping is not one.
    with store.reader(db) as con:
        actions = [v["action"] for v in store.versions(con)]
    assert actions == ["decision", "settings", "load"]
