"""A load from a path: the file is read from disk as it is checked, hashed and archived (never
held in memory whole), with the same report and rows as a load of its bytes; the validated
rows reach the writer straight from the staging connection (no file between them).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import random
from pathlib import Path
from typing import Any

import builders
import pytest

from models import Kind
from whatworks import ingest, store
from whatworks.ingest import fastread
from whatworks.ingest.fastread import FileBytes
from whatworks.ingest.read import LIMITS, ReadError
from whatworks.ingest.validate import in_memory, validate

# A file past the fast route's threshold (1 MB): 20,000 outcome rows, each row's value its
# number, so the sums below are known without the loader: 1 + 2 + ... + 20000.
ROWS = 20_000
HEADER = "indicator,period,value,municipality,area,unit,higher_is_better\n"


def _outcomes(rows: int = ROWS) -> bytes:
    body = "".join(
        f"wachttijd,{2000 + i // 1000},{i},Eemsdal,wijk {i % 1000:04d},weken wachttijd,false\n"
        for i in range(1, rows + 1)
    )
    return (HEADER + body).encode()


def _stored(db: Path) -> tuple[int, float, int]:
    with store.reader(db) as con:
        row = con.execute(
            "SELECT count(*), sum(value), count(DISTINCT area) FROM outcomes"
        ).fetchone()
    assert row is not None
    return int(row[0]), float(row[1]), int(row[2])


def test_a_large_file_loads_from_its_path_as_from_its_bytes(tmp_path: Path) -> None:
    data = _outcomes()
    assert len(data) > LIMITS.fast_csv_bytes  # the fast route reads it
    file = tmp_path / "uitkomsten.csv"
    file.write_bytes(data)
    by_path = builders.new_database(tmp_path / "p.duckdb")
    by_bytes = builders.new_database(tmp_path / "b.duckdb")

    from_path = ingest.load(by_path, Kind.outcomes, file, file.name, None, "t")
    from_bytes = ingest.load(by_bytes, Kind.outcomes, data, file.name, None, "t")

    assert from_path.ok, [e.message for e in from_path.errors]
    assert (from_path.rows, from_path.inserted) == (ROWS, ROWS)
    assert from_path.sha256 == hashlib.sha256(data).hexdigest()
    archived = store.archive_dir(by_path) / f"{from_path.sha256}.csv"
    assert archived.read_bytes() == data
    assert _stored(by_path) == (ROWS, ROWS * (ROWS + 1) / 2, 1000)
    assert from_path.as_dict() | {"version": None} == from_bytes.as_dict() | {"version": None}


def test_a_small_file_reports_the_same_from_its_path(tmp_path: Path) -> None:
    db = builders.new_database(tmp_path / "w.duckdb")
    small = tmp_path / "klein.csv"
    small.write_bytes(b"indicator,period,value\nwachttijd,2024,7\nwachttijd,2025,x\n")
    report = ingest.check(db, Kind.outcomes, small, small.name)
    assert [(e.row, e.column, e.value, e.code) for e in report.errors] == [
        (3, "value", "x", "not_a_number"),
    ]
    assert (
        report.as_dict()
        == ingest.check(db, Kind.outcomes, small.read_bytes(), "klein.csv").as_dict()
    )


def test_a_path_beyond_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "groot.xlsx"
    file.write_bytes(b"x" * 10)
    assert in_memory(FileBytes(file), file.name) == b"x" * 10
    validating = importlib.import_module("whatworks.ingest.validate")
    monkeypatch.setattr(validating, "LIMITS", dataclasses.replace(LIMITS, max_bytes=9))
    with pytest.raises(ReadError) as refused:
        in_memory(FileBytes(file), file.name)
    assert refused.value.variant == "too_big"


@pytest.mark.parametrize("seed", range(6))
def test_file_bytes_slice_and_find_as_bytes_do(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastread, "CHUNK", 7)  # matches across every chunk boundary
    rng = random.Random(seed)
    data = bytes(rng.choice(b"ab\n\r") for _ in range(rng.randint(0, 90)))
    file = tmp_path / "f.bin"
    file.write_bytes(data)
    disk = FileBytes(file)
    assert len(disk) == len(data)
    for sub in (b"\n\n", b"\n\r\n", b"a", b"abba", b"\xef\xbb\xbf"):
        for start in (0, 3, 17):
            for end in (None, len(data) - 2, 40):
                assert disk.find(sub, start, end) == data.find(sub, start, end), (sub, start, end)
    for a, b in ((0, 4), (5, 60), (-3, None), (80, 200)):
        assert disk[a:b] == data[a:b]
    if data:
        assert (disk[0], disk[-1]) == (data[0], data[-1])


def test_the_writer_gets_the_typed_rows_in_the_files_order(tmp_path: Path) -> None:
    data = (
        b"indicator;period;value;municipality;area\n"
        b"wachttijd;2024-Q2;7,5;Eemsdal;noord\n"
        b"wachttijd;2023;-1;Eemsdal;zuid\n"
    )
    prepared = validate(Kind.outcomes, data, "f.csv")
    try:
        assert prepared.report.ok, [e.message for e in prepared.report.errors]
        table = prepared.rows().read_all().to_pylist()
    finally:
        assert prepared.con is not None
        prepared.con.close()
    got = [
        (r["period"], r["value"], r["area"], str(r["period_start"]), str(r["period_end"]))
        for r in table
    ]
    assert got == [
        ("2024-Q2", 7.5, "noord", "2024-04-01", "2024-06-30"),
        ("2023", -1.0, "zuid", "2023-01-01", "2023-12-31"),
    ]
    assert list(table[0])[:3] == ["indicator", "period", "value"]


def test_a_load_reads_and_writes_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 448 MB and 384 MB are 427.2 and 366.2 MiB, as DuckDB shows them; both spill to the
    # load's own work folder, which goes with it.
    seen: dict[str, tuple[str, str]] = {}
    loading = importlib.import_module("whatworks.ingest.load")
    validating = importlib.import_module("whatworks.ingest.validate")
    real_apply, real_check = loading.apply, validating.check_typed

    def settings(con: Any) -> tuple[str, str]:
        row = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchone()
        return str(row[0]), str(row[1])

    def apply(con: Any, *args: Any) -> tuple[int, int]:
        seen["writer"] = settings(con)
        return real_apply(con, *args)

    def check_typed(con: Any, *args: Any) -> None:
        seen["staging"] = settings(con)
        real_check(con, *args)

    monkeypatch.setattr(loading, "apply", apply)
    monkeypatch.setattr(validating, "check_typed", check_typed)
    db = builders.new_database(tmp_path / "w.duckdb")
    builders.load(db, Kind.outcomes, "indicator,period,value\nwachttijd,2024,7\n")
    (staging_memory, staging_spill), (writer_memory, writer_spill) = (
        seen["staging"],
        seen["writer"],
    )
    assert (staging_memory, writer_memory) == ("427.2 MiB", "366.2 MiB")
    assert Path(writer_spill).parent == Path(staging_spill).parent
    assert Path(writer_spill).parent.name.startswith(store.work_dir_prefix())
    assert not Path(writer_spill).parent.exists()  # removed with the load's work folder


def test_a_large_file_read_by_duckdb_takes_every_staging_option(tmp_path: Path) -> None:
    # The fast route stages a view over the file as read; an option that changes cells makes
    # it a table first. Row 3's area is a text code ('0012), every tenth row leaves its unit
    # to fill down, row 7 says "pm" for a missing comparison, a subtotal row follows row 100,
    # and --where leaves out area "wijk 0005" (rows 5, 1005, ..., 19005: 20 rows).
    lines = ["indicator,period,value,municipality,area,unit,higher_is_better,comparison\n"]
    for i in range(1, ROWS + 1):
        area = "'0012" if i == 3 else f"wijk {i % 1000:04d}"
        unit = "" if i % 10 == 0 else "weken wachttijd"
        comparison = "pm" if i == 7 else ""
        lines.append(f"wachttijd,{2000 + i // 1000},{i},Eemsdal,{area},{unit},false,{comparison}\n")
        if i == 100:
            lines.append("Totaal,2000,999999,Eemsdal,,,,\n")
    data = "".join(lines).encode()
    assert len(data) > LIMITS.fast_csv_bytes
    file = tmp_path / "opties.csv"
    file.write_bytes(data)
    db = builders.new_database(tmp_path / "w.duckdb")
    options = ingest.LoadOptions(where=[("area!", "wijk 0005")], missing=["pm"], fill_down=["unit"])

    report = ingest.load(db, Kind.outcomes, file, file.name, options, "t")

    assert report.ok, [e.message for e in report.errors]
    assert [n.params for n in report.notes if n.key == "note.subtotals"] == [{"count": 1}]
    with store.reader(db) as con:
        got = con.execute(
            "SELECT count(*), sum(value), count(*) FILTER (unit = 'weken wachttijd'), "
            "count(*) FILTER (area = '0012'), count(comparison) FROM outcomes"
        ).fetchone()
    total = ROWS * (ROWS + 1) // 2
    left_out = sum(range(5, ROWS + 1, 1000))
    assert left_out == 190_100
    assert got == (ROWS - 20, total - left_out, ROWS - 20, 1, 0)
