"""The fast route for a large CSV: DuckDB reads the file straight into the staging table.

:func:`whatworks.ingest.read.read_table` parses with Python's csv module in a capped child
process and writes a normalised CSV: right for every odd file, but about 15 s per million
rows. For a CSV of at least ``Limits.fast_csv_bytes`` this module gives the same result
(table ``raw``: ``_row`` = the spreadsheet row, then ``c1..cN`` as text, and the same
:class:`RawTable`: header, notes, footer, empty rows, overflow, trailing columns) at
DuckDB's speed:

1. a UTF-8 file on disk is read where it lies when one scan finds no blank line or stray mark
   in its body and DuckDB reads its head's records as the csv module did; otherwise the body
   is written once to a UTF-8 file (any other encoding transcoded as a stream, in chunks, so
   memory stays flat; blank lines marked);
2. DuckDB's ``read_csv`` reads every record as text into ``rawfile`` (insertion order: the
   ``rowid`` is the record's index, as the csv module counts them);
3. the header is found by the same code as the slow route (:func:`read.locate_header`) on the
   first rows, and empty rows, the footer, overflowing cells and trailing empty columns are
   decided in SQL with the same rules.

Whatever this route cannot read exactly as the slow one would (a blank line, which DuckDB
skips but the csv module counts; a CR-only file; a row wider than the sample promised; a
byte-order mark inside the text; a quote DuckDB refuses; no header), it returns ``None`` and
the caller takes the slow route. tests/test_ingest_fastread.py holds both routes to the same
output on every fixture.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import itertools
import re
import sys
from pathlib import Path
from typing import Final, TypeAlias, overload

import duckdb

from whatworks.ingest.read import (
    LIMITS,
    Limits,
    RawTable,
    ReadError,
    ReadOptions,
    _line_end,
    head_size,
    locate_header,
    sniff_delimiter,
)
from whatworks.ingest.report import Note

SAMPLE_BYTES: Final = 1 << 20  # the top of the file, for the dialect and the width
CHUNK: Final = 4 << 20  # transcoding step
WIDTH_MARGIN: Final = 4  # columns read beyond the widest sampled row
MAX_FOOTER_ROWS: Final = 25
MAX_OVERFLOW_LISTED: Final = 1000
BLANK_MARK: Final = "\ue000"  # written on a blank line, so that DuckDB reads it as a row
BLANK_MARK_BYTES: Final = BLANK_MARK.encode("utf-8")
BYTE_ORDER_MARK: Final = b"\xef\xbb\xbf"
_BLANK_LINE: Final = re.compile(rb"\n(?=\r?\n)")
# What Python's str.strip() removes: a cell of only these is empty.
WHITESPACE: Final = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


class FileBytes:
    """A file on disk read as the bytes it holds: its length, slices and ``find`` read it in
    chunks, so a file of any size is checked and transcoded without being held in memory.

    Not ``mmap``, which offers the same: every page a scan touches would count in the
    process's resident memory, which a 10M-row load keeps under 1 GB."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, key: int) -> int: ...
    @overload
    def __getitem__(self, key: slice) -> bytes: ...
    def __getitem__(self, key: int | slice) -> int | bytes:
        if isinstance(key, int):
            index = key + self.size if key < 0 else key
            if not 0 <= index < self.size:
                raise IndexError(key)
            return self._read(index, 1)[0]
        start, stop, step = key.indices(self.size)
        if step != 1:
            raise ValueError(key)
        return self._read(start, max(stop - start, 0))

    def _read(self, start: int, count: int) -> bytes:
        with self.path.open("rb") as handle:
            handle.seek(start)
            return handle.read(count)

    def startswith(self, prefix: bytes | tuple[bytes, ...]) -> bool:
        longest = max(map(len, prefix)) if isinstance(prefix, tuple) else len(prefix)
        return self[:longest].startswith(prefix)

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        """Where ``sub`` first occurs in ``[start, end)``, or -1 (as bytes.find)."""
        stop = self.size if end is None else min(end, self.size)
        with self.path.open("rb") as handle:
            handle.seek(start)
            at, carry = start, b""
            while at < stop:
                chunk = carry + handle.read(min(CHUNK, stop - at))
                found = chunk.find(sub)
                if found >= 0:
                    return at - len(carry) + found
                at += len(chunk) - len(carry)
                carry = chunk[len(chunk) - len(sub) + 1 :] if len(sub) > 1 else b""
        return -1


# The file's bytes: in memory (an upload), or on disk (a path).
Data: TypeAlias = bytes | FileBytes


def _cell(i: int) -> str:
    return f'"c{i}"'


def _has_text(cell: str) -> str:
    """SQL: the cell holds something besides whitespace (Python's ``cell.strip() != ''``).

    Most cells start with a printable ASCII character: those are decided by one comparison,
    the rest by trimming every character Python counts as whitespace.
    """
    blanks = (WHITESPACE + BLANK_MARK).replace("'", "''")
    return (
        f"CASE WHEN {cell} IS NULL OR {cell} = '' THEN false "
        f"WHEN ord({cell}) BETWEEN 33 AND 126 THEN true "
        f"ELSE trim({cell}, '{blanks}') <> '' END"
    )


def _filled_expr(width: int) -> str:
    return " + ".join(f"({_has_text(_cell(i))})::INTEGER" for i in range(1, width + 1))


def _last_used_expr(width: int) -> str:
    cases = " ".join(f"WHEN {_has_text(_cell(i))} THEN {i}" for i in range(width, 0, -1))
    return f"CASE {cases} ELSE 0 END"


def _utf8_file(data: Data, encoding: str, offset: int, path: Path) -> bool | None:
    """The bytes from ``offset`` as UTF-8 in ``path``, transcoded chunk by chunk, in one pass
    that also checks them; returns whether blank lines were marked, or None when the slow
    route must read the file (the body holds a byte-order mark, which the slow route strips,
    or our own mark).

    From the first blank line on, every blank line gets a :data:`BLANK_MARK`: DuckDB skips
    blank lines, the csv module counts them as rows, and the analyst's row numbers count them
    too (marked blank lines at the end are empty rows, left out as the slow route leaves them).
    A chunk ends after a run of line ends, so no blank line spans two chunks, and the chunks
    before the first one hold none: marking from there on marks every blank line."""
    view = memoryview(data) if isinstance(data, bytes) else data
    size = len(data)
    mark = data[offset : offset + 1] in (b"\n", b"\r")  # the body opens blank
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("wb") as out:
        if mark:
            out.write(BLANK_MARK_BYTES)
        start, carry = offset, b""
        while start < size:
            end = min(start + CHUNK, size)
            chunk = bytes(view[start:end])
            while end < size and chunk[-1:] in (b"\r", b"\n"):  # a line end never splits
                more = bytes(view[end : min(end + 64, size)])
                run = len(more) - len(more.lstrip(b"\r\n"))
                chunk += more[:run]
                end += run
                if run < len(more):
                    break
            joint = carry + chunk[:2]  # a mark may span two chunks (they split inside lines)
            if _stray(chunk) or _stray(joint):
                return None
            carry = (carry + chunk[-2:])[-2:]
            mark = mark or _blank(chunk)
            if encoding != "utf-8":
                chunk = decoder.decode(chunk, final=end == size).encode("utf-8")
            if mark:
                chunk = _BLANK_LINE.sub(b"\n" + BLANK_MARK_BYTES, chunk)
            out.write(chunk)
            start = end
    return mark


def _stray(chunk: bytes) -> bool:
    """``chunk`` holds a byte-order mark or a :data:`BLANK_MARK`. Their first bytes are rare
    in text and found by ``memchr``, so most chunks are passed over at memory speed."""
    return (BYTE_ORDER_MARK[:1] in chunk and BYTE_ORDER_MARK in chunk) or (
        BLANK_MARK_BYTES[:1] in chunk and BLANK_MARK_BYTES in chunk
    )


def _blank(chunk: bytes) -> bool:
    """``chunk`` holds a blank line (``\\r\\n\\r\\n`` only where it holds a CR at all)."""
    return b"\n\n" in chunk or (b"\r" in chunk and b"\n\r\n" in chunk)


def _encoding(data: Data, given: str | None) -> tuple[str, str, int] | None:
    """(codec to read, the name the report shows, bytes to skip), or None for the slow route."""
    if given:
        name = codecs.lookup(given).name
        return name, given, 0
    if data.startswith(BYTE_ORDER_MARK):
        return "utf-8", "utf-8-sig", 3
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "utf-16", 0
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4:
        return None  # UTF-16 without a byte-order mark: rare, the slow route guesses it
    return "utf-8", "utf-8", 0


class _CountingLines:
    """The lines of a text, counting the characters the csv module has taken."""

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text, newline="")
        self.taken = 0

    def __iter__(self) -> _CountingLines:
        return self

    def __next__(self) -> str:
        line = self.lines.readline()
        if not line:
            raise StopIteration
        self.taken += len(line)
        return line


def _sample(data: Data, codec: str, offset: int) -> str:
    """The top of the file as text, cut at the last line end unless it is the whole file."""
    decoder = codecs.getincrementaldecoder(codec)()
    whole = offset + SAMPLE_BYTES >= len(data)
    text = decoder.decode(data[offset : offset + SAMPLE_BYTES], final=whole)
    return text if whole else text[: text.rfind("\n") + 1]


def read_staged(
    con: duckdb.DuckDBPyConnection,
    data: Data,
    file_name: str,
    options: ReadOptions,
    known: set[str],
    work_dir: Path,
    limits: Limits = LIMITS,
) -> RawTable | None:
    """Read a large CSV into ``con``'s table ``raw``; None when the slow route must read it."""
    if len(data) < limits.fast_csv_bytes or options.no_header or options.sheet:
        return None
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None
    if Path(file_name).suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        return None
    if len(data) > limits.max_bytes:
        return None  # the slow route refuses it with its message
    found = _encoding(data, options.encoding)
    if found is None:
        return None
    codec, shown, offset = found
    if codec.startswith(("utf-16", "utf-32")):
        return None  # their line ends are no single bytes: the slow route reads them
    try:
        text = _sample(data, codec, offset)
    except UnicodeDecodeError:
        if options.encoding or codec != "utf-8":
            raise
        codec, shown = "cp1252", "windows-1252"
        text = _sample(data, codec, offset)
    for attempt in range(3):  # UTF-8, then Windows-1252, then Latin-1, as read.decode does
        try:
            return _read(con, data, text, (codec, shown, offset), file_name, options, known,
                         work_dir, limits)  # fmt: skip
        except (_NotUtf8Error, UnicodeDecodeError):
            if options.encoding or attempt == 2:
                return None
            codec, shown = ("cp1252", "windows-1252") if attempt == 0 else ("latin-1", "latin-1")
            try:
                text = _sample(data, codec, offset)
            except UnicodeDecodeError:
                codec, shown = "latin-1", "latin-1"
                text = _sample(data, codec, offset)
    return None


class _NotUtf8Error(Exception):
    """DuckDB found bytes that are no UTF-8."""


def _read(
    con: duckdb.DuckDBPyConnection,
    data: Data,
    text: str,
    encoding: tuple[str, str, int],
    file_name: str,
    opts: ReadOptions,
    known: set[str],
    work_dir: Path,
    limits: Limits,
) -> RawTable | None:
    """The header from the sample by the csv module; the body by DuckDB from its first byte."""
    codec, shown, offset = encoding
    if "\ufeff" in text:
        return None
    line_end = _line_end(text)
    if line_end == "CR":
        return None
    delimiter = opts.delimiter or sniff_delimiter(text)
    lines = _CountingLines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    head = list(itertools.islice(reader, head_size(opts)))
    if len(head) < head_size(opts) and offset + SAMPLE_BYTES < len(data):
        return None  # the head does not fit the sample
    notes: list[Note] = []
    header, header_row, first_data = locate_header(head, file_name, opts, known, notes)
    # Where the body begins: the characters of the records above it, in the file's bytes.
    lines = _CountingLines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    for _ in itertools.islice(reader, first_data):
        pass
    body = offset + len(text[: lines.taken].encode(codec))
    sampled = [len(r) for r in csv.reader(io.StringIO(text[lines.taken :], newline=""),
                                          delimiter=delimiter)]  # fmt: skip
    widest = max([*sampled, len(header)])
    if widest + WIDTH_MARGIN > limits.max_columns:
        return None
    width = widest + WIDTH_MARGIN
    # A UTF-8 file on disk whose body DuckDB reads as the csv module would (no blank line, no
    # byte-order mark inside) is read where it lies, its head with it: when DuckDB reads the
    # head's records as the csv module did, the body's records line up. Otherwise (or for an
    # upload, or another encoding) the body is first copied as UTF-8, blank lines marked.
    mark, skip = False, 0
    if isinstance(data, FileBytes) and codec == "utf-8" and _plain_body(data, body):
        try:
            _stage_file(con, data.path, delimiter, width)
            skip = first_data if _head_agrees(con, head[:first_data], width) else 0
        except duckdb.Error:
            pass
    if not skip:
        path = work_dir / "body.csv"
        try:
            mark_found = _utf8_file(data, codec, body, path)
            if mark_found is None:
                con.execute("DROP TABLE IF EXISTS rawfile")  # a direct read's, if any
                return None
            mark = mark_found
            _stage_file(con, path, delimiter, width)
        except duckdb.Error as exc:
            # A row wider than the sample, a quote DuckDB refuses, or text that is not UTF-8.
            con.execute("DROP TABLE IF EXISTS rawfile")
            if "unicode" in str(exc).lower():
                raise _NotUtf8Error from exc
            return None
        finally:
            path.unlink(missing_ok=True)
    table = RawTable(
        file_name=file_name,
        header=header,
        csv_path=Path(),
        rows=0,
        header_row=header_row,
        file_format="csv",
        encoding=shown,
        delimiter=delimiter,
        line_end=line_end,
        notes=notes,
        width=width,
        staged=True,
    )
    return _normalise_staged(con, table, first_data, limits, mark, skip)


def _stage_file(con: duckdb.DuckDBPyConnection, path: Path, delimiter: str, width: int) -> None:
    """DuckDB reads the CSV at ``path`` into ``rawfile``: every record as ``width`` text cells
    (``rowid``: the record's index), with its cells that hold text counted as it is read."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, width + 1)) + "}"
    quote = '"'
    read = (
        f"CREATE OR REPLACE TEMP TABLE rawfile AS SELECT *, {_filled_expr(width)} AS _f, "  # noqa: S608 - c1..cN
        f"{_last_used_expr(width)} AS _last FROM read_csv($path, header = false, "
        f"delim = $delim, quote = '{quote}', escape = '{quote}', columns = {columns}, "
        "null_padding = true, auto_detect = false, nullstr = $never, parallel = {parallel})"
    )
    params = {"path": str(path), "delim": delimiter, "never": "\x00\x01"}
    try:
        con.execute(read.replace("{parallel}", "true"), params)
    except duckdb.Error as exc:
        if "parallel=false" not in str(exc):
            raise
        con.execute(read.replace("{parallel}", "false"), params)


def _plain_body(data: FileBytes, body: int) -> bool:
    """The file from ``body`` on holds no blank line (but at its end, where DuckDB and the csv
    module agree), no byte-order mark and no :data:`BLANK_MARK`: DuckDB reads it as it is."""
    size = len(data)
    inside = size  # the end without the trailing line ends
    while inside > body and data[inside - 1 : inside] in (b"\n", b"\r"):
        inside -= 1
    if data[body : body + 1] in (b"\n", b"\r"):
        return False
    with data.path.open("rb") as handle:
        handle.seek(body)
        at, carry = body, b""
        while at < inside:
            chunk = handle.read(min(CHUNK, inside - at))
            if not chunk:
                return False  # the file shrank under us
            joint = carry + chunk[:2]  # a sign may span two chunks
            if _stray(chunk) or _stray(joint) or _blank(chunk) or _blank(joint):
                return False
            carry = (carry + chunk[-2:])[-2:]
            at += len(chunk)
    return True


def _head_agrees(con: duckdb.DuckDBPyConnection, head: list[list[str]], width: int) -> bool:
    """DuckDB's first records (``rawfile``) are the head's records as the csv module read them."""
    cells = ", ".join(_cell(i) for i in range(1, width + 1))
    found = con.execute(
        f"SELECT {cells} FROM rawfile WHERE rowid < $n ORDER BY rowid",  # noqa: S608 - c1..cN
        {"n": len(head)},
    ).fetchall()
    expected = [tuple(row) + (None,) * (width - len(row)) for row in head]
    return found == expected


def _normalise_staged(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    first_data: int,
    limits: Limits,
    mark: bool,
    skip: int = 0,
) -> RawTable:
    """``rawfile`` -> ``raw``, by the slow route's rules (see read._normalise), in four scans:
    the shape of the body; empty rows and the last column used; overflow; the rows kept.

    ``rawfile`` holds the body (its row ``rowid`` is the file's record ``first_data + rowid``),
    or with ``skip`` the whole file (the head's ``skip`` records first: ``rowid`` is the
    record)."""
    file_name, header, notes, width = table.file_name, table.header, table.notes, table.width
    limit = len(header)
    rec, body = "(rowid + $shift)", "rowid >= $skip"
    shift = {"shift": first_data - skip, "skip": skip}
    shape = con.execute(
        f"SELECT count(*), max({rec}) FILTER (_f > 1), max({rec}) FILTER (_f > 0), "  # noqa: S608
        f"count(*) FILTER (_f > 0), histogram(_f) FILTER (_f > 0) FROM rawfile WHERE {body}",
        shift,
    ).fetchone()
    assert shape is not None  # an aggregate always returns a row
    records, last_wide, last_any, filled_rows, histogram = shape
    records += first_data
    if records > limits.max_rows:
        raise ReadError("too_many_rows", file=file_name, count=records, limit=limits.max_rows)
    if records * width > limits.max_cells:
        count = records * width
        raise ReadError("too_many_cells", file=file_name, count=count, limit=limits.max_cells)
    start = first_data - 1 if last_wide is None else int(last_wide)
    # pending: the rows after the last row of 2+ cells, up to the last row with a cell.
    end = int(last_any) if last_any is not None and last_any > start else start
    pending = end - start
    footer = min(MAX_FOOTER_ROWS, pending)
    before_footer = (start - first_data + 1) + pending - footer
    cut = end + 1  # records from here on are left out
    if footer and before_footer > 0 and _median(histogram or {}, int(filled_rows)) > 2:
        notes.append(Note("note.footer", {"count": footer}))
        cut = start + pending - footer + 1
    bound = {**shift, "cut": cut}
    kept = f"{body} AND {rec} < $cut AND _f > 0"
    counts = con.execute(
        "SELECT count(*) FILTER (_f = 0), coalesce(max(_last) FILTER (_f > 0), 0) "  # noqa: S608
        f"FROM rawfile WHERE {body} AND {rec} < $cut",
        bound,
    ).fetchone()
    assert counts is not None  # an aggregate always returns a row
    empty, used = int(counts[0]), int(counts[1])
    beyond = " OR ".join(_has_text(_cell(i)) for i in range(limit + 1, width + 1))
    overflow = [
        int(r[0])
        for r in con.execute(
            f"SELECT {rec} + 1 AS n FROM rawfile WHERE {kept} AND ({beyond}) ORDER BY n LIMIT $n",  # noqa: S608
            {**bound, "n": MAX_OVERFLOW_LISTED},
        ).fetchall()
    ] if beyond else []  # fmt: skip
    text = (lambda c: f"replace({c}, '{BLANK_MARK}', '')") if mark else (lambda c: c)
    cells = ", ".join(f"nullif({text(_cell(i))}, '') AS {_cell(i)}" for i in range(1, limit + 1))
    # A view, not a copy of millions of rows: the staged cells are read from rawfile as they
    # are typed (convert.change_raw makes it a table when an option changes cells). A view
    # binds no $parameter: the bounds are ints.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw AS SELECT ({rec} + 1)::INTEGER AS _row, {cells} "  # noqa: S608
        f"FROM rawfile WHERE {kept}".replace("$shift", str(int(first_data - skip)))
        .replace("$skip", str(int(skip)))
        .replace("$cut", str(int(cut)))
    )
    found = con.execute("SELECT count(*) FROM raw").fetchone()
    trimmed = len(header)
    while trimmed > 0 and not header[trimmed - 1] and trimmed > used:
        trimmed -= 1
    names = [h if h else f"column_{i}" for i, h in enumerate(header[:trimmed], start=1)]
    if not names:
        raise ReadError("no_columns", file=file_name)
    if empty:
        notes.append(Note("note.empty_rows", {"count": empty}))
    return dataclasses.replace(
        table,
        header=names,
        rows=int(found[0]) if found else 0,
        notes=notes,
        overflow_rows=overflow,
        width=limit,
    )


def _median(histogram: dict[int, int], total: int) -> int:
    """The median cells per row with any (read._median: the middle one, upper on a tie)."""
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen > total // 2:
            return int(value)
    return 0
