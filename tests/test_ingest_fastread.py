"""The fast route (DuckDB reads a large CSV straight into the staging table) gives exactly what
the slow route (the csv module in a capped child, a normalised CSV, staged) gives.

The slow route is the oracle: every case is read both ways (the fast route forced with
``fast_csv_bytes=0``) and the header, notes, row numbers, overflow and every staged cell are
compared. Cases the fast route cannot read exactly must fall back (``None``).
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from pathlib import Path

import duckdb
import pytest

from models import MISSING_MARKERS, Kind, column_lookup
from whatworks import store
from whatworks.ingest import fastread
from whatworks.ingest.convert import stage
from whatworks.ingest.fastread import read_staged
from whatworks.ingest.read import LIMITS, RawTable, ReadOptions, read_table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORCED = dataclasses.replace(LIMITS, fast_csv_bytes=0, isolate=False)
KNOWN = set(column_lookup(Kind.budget)) | set(column_lookup(Kind.outcomes))

CASES: dict[str, tuple[bytes, ReadOptions]] = {
    "plain": (b"year,programme,actual\n2024,Jeugd,10\n2025,Zorg,12.5\n", ReadOptions()),
    "dutch crlf": (
        b"jaar;programma;realisatie\r\n2024;Jeugd;1.234,50\r\n2025;Zorg;-3,10\r\n",
        ReadOptions(),
    ),
    "cp1252 with title lines, empty rows and a footer": (
        (
            "Begroting 2024\nGemeente Ærø\njaar;programma;realisatie;gemeente\n"
            "2024;Jeugd;10;Ærø\n;;;\n2024;Zorg – €;11;Ærø\n2025;Zorg;12;Ærø\n"
            "Bron: CBS\n;;;\nStand 1 mei\n;;;\n"
        ).encode("cp1252"),
        ReadOptions(),
    ),
    "utf-8 bom, quoted newline and delimiter, whitespace cells": (
        '\ufeffyear,programme,actual,note\n2024,"Jeugd, zorg",10,"two\nlines"\n'
        "2025,\u00a0,\u2003,\n2026, Wonen ,7,x\n".encode(),
        ReadOptions(),
    ),
    "overflow and trailing empty columns": (
        b"year,programme,actual,,\n2024,Jeugd,1,,\n2025,Zorg,2,,,extra\n2026,Wonen,3,x\n",
        ReadOptions(),
    ),
    "stacked header and skip rows": (
        b"title\nyear,amounts,\n,programme,actual\n2024,Jeugd,1\n2025,Zorg,2\n",
        ReadOptions(skip_rows=1, header_rows=2),
    ),
    "short rows and a single-cell row inside": (
        b"indicator,period,value,municipality\nx,2024,1,A\nlonely\ny,2024\nz,2025,3,B\n",
        ReadOptions(),
    ),
    "semicolon given, tab in cells": (
        b"year;programme;actual\n2024;Je\tugd;1\n2025;'00120;2\n",
        ReadOptions(delimiter=";"),
    ),
    "no known header": (b"a|b|c\n1|2|3\n4|5|6\n", ReadOptions()),
    "blank lines, in the body and in a quoted cell": (
        b'year,programme,actual\n\n2024,a,1\n\n2025,"two\n\nlines",2\n\n\nnote\n\n',
        ReadOptions(),
    ),
    "blank lines only at the end": (
        b"year,programme,actual\n2024,a,1\n2025,b,2\n\n\n",
        ReadOptions(),
    ),
    "blank lines, CRLF": (
        b"year,programme,actual\r\n2024,a,1\r\n\r\n2025,b,2\r\n\r\nnote\r\n\r\n",
        ReadOptions(),
    ),
}
CASES.update(
    {f"fixture {p.name}": (p.read_bytes(), ReadOptions()) for p in sorted(FIXTURES.glob("*.csv"))}
)


def _staged_rows(con: duckdb.DuckDBPyConnection, raw: RawTable) -> list[tuple[object, ...]]:
    cells = ", ".join(f'"c{i}"' for i in range(1, len(raw.header) + 1))
    return con.execute(f"SELECT _row, {cells} FROM raw ORDER BY _row").fetchall()


def _slow(
    data: bytes, options: ReadOptions, work: Path
) -> tuple[RawTable, list[tuple[object, ...]]]:
    raw = read_table(data, "f.csv", options, KNOWN, work, FORCED)
    with duckdb.connect() as con:
        stage(con, raw)
        return raw, _staged_rows(con, raw)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_route_reads_as_the_slow_route(name: str, tmp_path: Path) -> None:
    _assert_both_routes_agree(*CASES[name], tmp_path)


@pytest.mark.parametrize("on_disk", [False, True])
@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("name", sorted(n for n in CASES if not n.startswith("fixture")))
def test_fast_route_reads_as_the_slow_route_in_any_chunks(
    name: str, chunk: int, on_disk: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The body is checked (and copied) chunk by chunk: blank lines, CRLF and multi-byte
    # characters then fall across every possible chunk boundary.
    monkeypatch.setattr(fastread, "CHUNK", chunk)
    data, options = CASES[name]
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    source = fastread.FileBytes(path) if on_disk else None
    _assert_both_routes_agree(data, options, tmp_path / "work", source)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_file_on_disk_reads_as_the_slow_route(name: str, tmp_path: Path) -> None:
    # A UTF-8 file on disk is read where it lies, its head with it; any other goes by a copy.
    data, options = CASES[name]
    path = tmp_path / "in" / "f.csv"
    path.parent.mkdir()
    path.write_bytes(data)
    _assert_both_routes_agree(data, options, tmp_path / "work", fastread.FileBytes(path))
    assert path.read_bytes() == data, "the analyst's file was changed"


@pytest.mark.parametrize(
    ("data", "copied"),
    [
        (b"year,programme\n2024,a\n2025,b\n\n", False),  # plain UTF-8: read where it lies
        ("Begroting\nyear,programme\n2024,\u00e6\n".encode(), False),  # a title line above
        (b"\xef\xbb\xbfyear,programme\n2024,a\n", False),  # a byte-order mark at the start
        (b"Title\n\nyear,programme\n2024,a\n", True),  # a blank line in the head
        (b'"Title\n\nsplit",x\nyear,programme\n2024,a\n', False),  # DuckDB reads it alike
        (b"a,b,c,d,e,f,g,h,i\nyear,programme\n2024,a\n", True),  # a head row wider than the body
        (b"year,programme\n2024,a\n\n2025,b\n", True),  # a blank line in the body: marked
        ("year,programme\n2024,\u00e6\n".encode("cp1252"), True),  # not UTF-8: transcoded
    ],
)
def test_which_files_are_copied_before_duckdb_reads_them(
    data: bytes, copied: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies: list[Path] = []
    real = fastread._utf8_file

    def spy(*args: object) -> bool | None:
        copies.append(args[3])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fastread, "_utf8_file", spy)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    work = tmp_path / "work"
    _assert_both_routes_agree(data, ReadOptions(), work, fastread.FileBytes(path))
    assert bool(copies) == copied


def _assert_both_routes_agree(
    data: bytes, options: ReadOptions, tmp_path: Path, source: fastread.Data | None = None
) -> None:
    tmp_path.mkdir(exist_ok=True)
    slow, slow_rows = _slow(data, options, tmp_path)
    with duckdb.connect() as con:
        given = data if source is None else source
        fast = read_staged(con, given, "f.csv", options, KNOWN, tmp_path, FORCED)
        assert fast is not None, "the fast route fell back"
        fast_rows = _staged_rows(con, fast)
    for field in ("header", "rows", "header_row", "encoding", "delimiter", "line_end"):
        assert getattr(fast, field) == getattr(slow, field), field
    assert fast.notes == slow.notes
    assert fast.overflow_rows == slow.overflow_rows
    assert fast_rows == slow_rows


@pytest.mark.parametrize(
    "data",
    [
        "year,programme\n2024,\ue000\n".encode(),  # the mark for blank lines, in the text
        b"year,programme\r2024,a\r2025,b\r",  # CR-only line ends
        b"year,programme\n2024,\xef\xbb\xbfa\n",  # a byte-order mark inside the text
    ],
)
def test_what_the_fast_route_cannot_read_exactly_goes_the_slow_route(
    data: bytes, tmp_path: Path
) -> None:
    with duckdb.connect() as con:
        assert read_staged(con, data, "f.csv", ReadOptions(), KNOWN, tmp_path, FORCED) is None


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("sign", [b"\xef\xbb\xbf", "\ue000".encode()])
def test_a_mark_split_between_chunks_is_still_found(
    sign: bytes, chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chunks split inside lines: a byte-order mark or our blank-line mark may straddle two.
    monkeypatch.setattr(fastread, "CHUNK", chunk)
    for before in range(chunk + 1):
        data = b"year,programme\n2024," + b"a" * before + sign + b"b\n2025,c\n"
        with duckdb.connect() as con:
            found = read_staged(con, data, "f.csv", ReadOptions(), KNOWN, tmp_path, FORCED)
            assert found is None, before
        assert not list(tmp_path.iterdir()), "the body's copy is left behind"


def test_a_row_wider_than_the_sample_goes_the_slow_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"year,programme\n" + b"2024,a\n" * 60 + b"2025,b" + b",x" * 50 + b"\n"
    with duckdb.connect() as con:  # sampled whole: read fast, the extra cells are overflow
        whole = read_staged(con, data, "f.csv", ReadOptions(), KNOWN, tmp_path, FORCED)
        assert whole is not None
        assert whole.overflow_rows == [62]
        monkeypatch.setattr(fastread, "SAMPLE_BYTES", 300)
        assert read_staged(con, data, "f.csv", ReadOptions(), KNOWN, tmp_path, FORCED) is None


def test_small_files_and_workbooks_go_the_slow_route(tmp_path: Path) -> None:
    with duckdb.connect() as con:
        small = b"year,programme\n2024,a\n"
        assert read_staged(con, small, "f.csv", ReadOptions(), KNOWN, tmp_path) is None
        assert (
            read_staged(con, b"PK\x03\x04" + small, "f.csv", ReadOptions(), KNOWN, tmp_path, FORCED)
            is None
        )


def test_ww_clean_may_pass_over_cells_longer_than_any_missing_marker() -> None:
    # ww_clean (queries/ingest_macros.sql) compares only cells of at most 16 bytes.
    assert max(len(m.encode()) for m in MISSING_MARKERS) <= 16


@pytest.mark.parametrize(
    "text",
    ["a", " a", "a ", "\u00a0x\u202f", "\t\n y \x0b", "", "  ", "a b", "é", " é ", "x\u00a0", "€5"],
)
def test_ww_trim_trims_as_its_regular_expression(text: str) -> None:
    expected = re.sub(r"^[\t\n\f\r \u00a0\u202f]+|[\t\n\f\r \u00a0\u202f]+$", "", text)
    with duckdb.connect() as con:
        con.execute(store.read_query("ingest_macros"))
        assert con.execute(
            "SELECT ww_trim(?), ww_clean(?, ?)", [text, text, list(MISSING_MARKERS)]
        ).fetchone() == (
            expected,
            None if expected.lower() in MISSING_MARKERS else expected,
        )


@pytest.mark.parametrize("dec", [".", ","])
def test_ww_real_reads_plain_numbers_as_python_does(dec: str) -> None:
    # ww_real's shortcut for plain digits against Python's float() (beyond a DOUBLE: none).
    rng = random.Random(7)
    texts = ["007", "-3", "+2", "0", "1" + "0" * 400, "-" + "9" * 320, "12", "1e5", "1 234"]
    texts += [
        rng.choice(["", "-", "+"])
        + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
        + (f"{dec}{rng.randint(0, 10**6)}" if rng.random() < 0.5 else "")
        for _ in range(300)
    ]

    def expected(text: str) -> float | None:
        if not re.fullmatch(r"[+-]?\d+([.,]\d+)?", text):
            return {"1e5": 100000.0, "1 234": 1234.0}[text]  # the general branches
        value = float(text.replace(dec, "."))
        return value if math.isfinite(value) else None

    with duckdb.connect() as con:
        con.execute(store.read_query("ingest_macros"))
        got = [r[0] for r in con.execute(
            "SELECT ww_real(t, $dec) FROM unnest($texts) WITH ORDINALITY u(t, i) ORDER BY i",
            {"texts": texts, "dec": dec},
        ).fetchall()]  # fmt: skip
    assert got == [expected(t) for t in texts]
