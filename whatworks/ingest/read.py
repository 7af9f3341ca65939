"""Read any file an analyst has into rows of text: the first step of every load.

Takes the bytes of a CSV/TSV (any delimiter, encoding, line end, quoting) or an Excel
workbook (.xlsx or legacy .xls), finds the header row, drops title lines, empty rows,
trailing empty columns and footers, and writes a normalised UTF-8 CSV (``_row`` = the
row number the analyst sees in a spreadsheet, then ``c1..cN``) that DuckDB reads as text.
No value is interpreted here: types are the validator's job.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import faulthandler
import io
import itertools
import multiprocessing
import re
import resource
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Final, cast
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from models import normalise_name
from whatworks.ingest.report import Note, Problem, say

DELIMITERS = (";", ",", "\t", "|")
SNIFF_LINES = 60
HEADER_SEARCH_ROWS = 30
MAX_FOOTER_ROWS = 25

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Limits:
    """How much one file may ask of the machine; checked before the memory is committed.

    ``max_bytes`` the file as uploaded, ``max_unpacked`` the parts of a workbook unzipped,
    ``max_rows``/``max_columns`` the table's shape, ``max_cells`` the cells of a streamed
    CSV and ``max_sheet_cells`` a workbook sheet's rows times columns (a sheet is allocated
    as a full rectangle from A1, so its area counts, not its cells).

    ``isolate``: read in a child process whose address space is capped at ``max_memory``
    and which is stopped after ``max_seconds``, so whatever a file does to a reader (an
    allocation the checks did not foresee, an endless parse), the caller - the server -
    lives on and says so.
    """

    max_bytes: int = 1024 * 1024 * 1024  # the server takes uploads up to 200 MB
    max_unpacked: int = 500 * 1024 * 1024
    max_rows: int = 20_000_000
    max_columns: int = 2_000
    max_cells: int = 400_000_000  # a CSV is streamed: cells cost time, not memory
    max_sheet_cells: int = 20_000_000  # a sheet is allocated whole: rows x columns
    max_memory: int = 4 * 1024 * 1024 * 1024
    max_seconds: float = 900.0
    isolate: bool = True
    # A CSV this large is read by DuckDB straight into the staging table (ingest.fastread),
    # when it can be read exactly as the slow route would.
    fast_csv_bytes: int = 1024 * 1024


LIMITS: Final = Limits()


class ReadError(Exception):
    """The file cannot be read at all (not a table, wrong sheet, ...).

    ``variant`` and ``params``: the message's catalogue key (``problem.unreadable.<variant>``)
    and the values it is made of; ``str()`` of the error is the English message.
    """

    def __init__(self, variant: str, **params: Any) -> None:
        super().__init__(say(f"problem.unreadable.{variant}", params))
        self.variant = variant
        self.params = params


def unreadable(exc: ReadError | UnicodeDecodeError | LookupError) -> Problem:
    """The problem of a file that cannot be read at all.

    A ReadError names its message; a decoding error only has Python's English words.
    """
    if isinstance(exc, ReadError):
        return Problem(
            None, None, None, "unreadable", params={**exc.params, "variant": exc.variant}
        )
    return Problem(None, None, None, "unreadable", params={"error": str(exc)})


@dataclass
class ReadOptions:
    """How to read a file; every field may be left to detection."""

    sheet: str | None = None
    skip_rows: int | None = None
    no_header: bool = False
    delimiter: str | None = None
    encoding: str | None = None
    header_rows: int | None = None  # stacked header rows to join (default 1)


@dataclass
class RawTable:
    """A file read into text cells, written to a normalised CSV for DuckDB."""

    file_name: str
    header: list[str]
    csv_path: Path
    rows: int
    header_row: int
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    line_end: str | None = None
    sheet: str | None = None
    notes: list[Note] = field(default_factory=list)
    overflow_rows: list[int] = field(default_factory=list)
    # Cells per row in the normalised CSV (c1..c<width>); may exceed the header's length
    # by trailing columns that hold nothing.
    width: int = 0
    # The rows are already in the staging connection's table ``raw`` (ingest.fastread):
    # there is no normalised CSV to stage.
    staged: bool = False


# --------------------------------------------------------------------------- decoding


def detect_format(data: bytes, file_name: str) -> str:
    """'xlsx', 'xls' or 'csv', by content first and name second."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods") and data[:5] != b"<?xml":
        raise ReadError("not_excel", file=file_name, suffix=suffix)
    return "csv"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: BOMs first, then UTF-8, then Windows-1252/Latin-1."""
    if encoding:
        return data.decode(encoding), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: the zero bytes sit on the odd or the even positions.
        odd_zeros = sample[1::2].count(0) > sample[0::2].count(0)
        name = "utf-16-le" if odd_zeros else "utf-16-be"
        return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _count_outside_quotes(line: str, char: str) -> int:
    if '"' not in line:
        return line.count(char)
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently into several cells."""
    lines = [ln for ln in text.splitlines()[:SNIFF_LINES] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0.0, 0)
    for delim in DELIMITERS:
        counts = [_count_outside_quotes(ln, delim) for ln in lines]
        mode, freq = Counter(counts).most_common(1)[0]
        if mode == 0:
            nonzero = [c for c in counts if c]
            if not nonzero:
                continue
            mode, freq = Counter(nonzero).most_common(1)[0]
        score = (freq / len(lines), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def _line_end(text: str) -> str:
    if "\r\n" in text[:65536]:
        return "CRLF"
    if "\r" in text[:65536] and "\n" not in text[:65536]:
        return "CR"
    return "LF"


# --------------------------------------------------------------------------- cells


def cell_text(value: object) -> str:
    """An Excel cell as the text an analyst would type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


_CELL_REF: Final = re.compile(rb"([A-Z]{1,4})?([0-9]{1,9})")
_SHEET_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)\b([^>]*)>")
_R_ATTR: Final = re.compile(rb"""\s(?:r|ref)\s*=\s*["']([^"']*)["']""")
_SCAN_CHUNK: Final = 1 << 20
XLS_MAX_ROWS: Final = 65536
XLS_MAX_COLUMNS: Final = 256


def _column_number(letters: bytes) -> int:
    number = 0
    for c in letters:
        number = number * 26 + c - 64
    return number


def _check_zip(data: bytes, file_name: str, limits: Limits) -> zipfile.ZipFile:
    """The workbook's zip, its declared unpacked sizes within the limit."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        parts = book.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError("no_workbook", file=file_name, error=str(exc)) from exc
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.max_unpacked:
        raise ReadError(
            "too_big_unpacked",
            file=file_name,
            size=_megabytes(unpacked),
            limit=_megabytes(limits.max_unpacked),
        )
    return book


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip part that holds it (empty when not an .xlsx)."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))  # noqa: S314 (size checked)
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return {}
    targets = {r.get("Id"): (r.get("Target") or "").lstrip("/") for r in rels if r.get("Id")}
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if not element.tag.endswith("}sheet") and element.tag != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        part = target if target.startswith("xl/") else f"xl/{target}"
        parts[element.get("name", "")] = part
    return parts


def _sheet_extent(book: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """Rows and columns a reader will allocate for a sheet: its declared dimension and the
    furthest cell, whichever is larger. Streams the part (reading it also checks its CRC,
    so a part that unpacks to more than it declares is refused by zipfile)."""
    rows = columns = row_count = cells_in_row = 0
    tail = b""
    with book.open(part) as stream:
        while True:
            chunk = stream.read(_SCAN_CHUNK)
            text = tail + chunk
            cut = text.rfind(b"<") if chunk else len(text)
            cut = max(cut, 0)
            for match in _SHEET_TAG.finditer(text, 0, cut):
                tag, attrs = match.group(1), match.group(2)
                ref = _R_ATTR.search(attrs)
                value = ref.group(1).replace(b"$", b"") if ref else b""
                if tag == b"row":
                    row_count += 1
                    cells_in_row = 0
                    if value.isdigit():
                        rows = max(rows, int(value))
                    continue
                if tag == b"c":
                    cells_in_row += 1
                    columns = max(columns, cells_in_row)
                for corner in value.split(b":"):
                    cell = _CELL_REF.fullmatch(corner.upper())
                    if cell:
                        if cell.group(1):
                            columns = max(columns, _column_number(cell.group(1)))
                        rows = max(rows, int(cell.group(2)))
            tail = text[cut:]
            if not chunk:
                break
            if len(tail) > _SCAN_CHUNK:  # a tag longer than a megabyte: nothing to learn
                tail = b""
    return max(rows, row_count), columns


def check_workbook(data: bytes, file_name: str, sheet: str | None, limits: Limits = LIMITS) -> None:
    """Refuse a workbook whose sheet would not fit the limits, before any reader allocates it.

    .xlsx: the zip's declared sizes, then the sheet's dimension and furthest cell (the
    dimension alone may lie). .xls: a legacy sheet holds at most 65,536 x 256 cells, and its
    DIMENSIONS records are checked against the limits.
    """
    if data[:4] != b"PK\x03\x04":
        _check_extent(_xls_extent(data), file_name, limits)
        return
    book = _check_zip(data, file_name, limits)
    parts = _sheet_parts(book)
    if sheet is None:
        chosen = list(parts.values())[:1]
    else:
        wanted = sheet.strip().lower()
        chosen = [p for n, p in parts.items() if n.strip().lower() == wanted]
    names = set(book.namelist())
    for part in chosen or [n for n in names if n.startswith("xl/worksheets/")]:
        if part not in names:
            continue
        try:
            extent = _sheet_extent(book, part)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise ReadError("no_workbook", file=file_name, error=str(exc)) from exc
        _check_extent(extent, file_name, limits)


def _xls_extent(data: bytes) -> tuple[int, int]:
    """The largest sheet a legacy .xls declares in its BIFF8 DIMENSIONS records."""
    rows = columns = 0
    for match in re.finditer(rb"\x00\x02\x0e\x00", data):
        body = data[match.end() : match.end() + 14]
        if len(body) < 14:
            continue
        first_row, last_row = (
            int.from_bytes(body[0:4], "little"),
            int.from_bytes(body[4:8], "little"),
        )
        first_col, last_col = (
            int.from_bytes(body[8:10], "little"),
            int.from_bytes(body[10:12], "little"),
        )
        plausible = last_row <= XLS_MAX_ROWS and last_col <= XLS_MAX_COLUMNS
        if first_row <= last_row and first_col <= last_col and plausible and body[12:] == b"\0\0":
            rows, columns = max(rows, last_row), max(columns, last_col)
    return rows, columns


def _check_extent(extent: tuple[int, int], file_name: str, limits: Limits) -> None:
    rows, columns = extent
    if columns > limits.max_columns:
        raise ReadError("too_many_columns", file=file_name, count=columns, limit=limits.max_columns)
    if rows > limits.max_rows:
        raise ReadError("too_many_rows", file=file_name, count=rows, limit=limits.max_rows)
    if rows * columns > limits.max_sheet_cells:
        raise ReadError(
            "too_many_cells", file=file_name, count=rows * columns, limit=limits.max_sheet_cells
        )


def _excel_rows(
    data: bytes, file_name: str, sheet: str | None, limits: Limits = LIMITS
) -> tuple[Iterator[list[str]], str, list[str]]:
    check_workbook(data, file_name, sheet, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        raise ReadError("no_workbook", file=file_name, error=str(exc)) from exc
    names = list(book.sheet_names)
    if not names:
        raise ReadError("no_workbook", file=file_name, error="no sheets")
    if sheet is None:
        chosen = names[0]
    else:
        matches = [n for n in names if n == sheet] or [
            n for n in names if n.strip().lower() == sheet.strip().lower()
        ]
        if not matches:
            raise ReadError("no_sheet", file=file_name, sheet=repr(sheet), sheets=", ".join(names))
        chosen = matches[0]
    try:
        found = book.get_sheet_by_name(chosen)
    except CalamineError as exc:  # broken or entity-laden sheet XML
        raise ReadError("no_workbook", file=file_name, error=str(exc)) from exc
    _check_extent((found.height, found.width), file_name, limits)
    errors = _unread_cells(data, file_name, chosen) if data[:4] == b"PK\x03\x04" else {}
    # iter_rows streams the rows from the first row but the first used column: pad the
    # columns before it so cells keep the column the analyst sees.
    pad = [""] * (found.start[1] if found.start else 0)
    rows = ([*pad, *(cell_text(v) for v in row)] for row in found.iter_rows())
    return (_with_errors(rows, errors) if errors else rows), chosen, names


_CELL: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?c>)", re.S
)
_T_ATTR: Final = re.compile(rb"""\st\s*=\s*["']([^"']*)["']""")
_VALUE: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v\b[^>]*>([^<]*)<", re.S)
_FORMULA: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f\b")


def _unread_cells(data: bytes, file_name: str, sheet: str) -> dict[int, dict[int, str]]:
    """The cells of a sheet whose value python-calamine gives as empty: an error value
    (``#DIV/0!``), by row and column, with its text. A formula without a saved value cannot
    be read at all (the file was written by a program that does not calculate): refused,
    naming the cells."""
    book = zipfile.ZipFile(io.BytesIO(data))
    part = _sheet_parts(book).get(sheet)
    if part is None or part not in book.namelist():
        return {}
    errors: dict[int, dict[int, str]] = {}
    unsaved: list[str] = []
    tail = b""
    with book.open(part) as stream:
        while True:
            chunk = stream.read(_SCAN_CHUNK)
            text, done = tail + chunk, 0
            for match in _CELL.finditer(text):
                done = match.end()
                attrs, body = match.group(1), match.group(2) or b""
                kind = _T_ATTR.search(attrs)
                error = bool(kind and kind.group(1) == b"e")
                ref = _R_ATTR.search(attrs)
                if not ref or not (error or _FORMULA.search(body)):
                    continue
                value = _VALUE.search(body)
                cell = _CELL_REF.fullmatch(ref.group(1).replace(b"$", b"").upper())
                if value is None:
                    unsaved.append(ref.group(1).decode("ascii", "replace"))
                elif error and cell and cell.group(1):
                    row = errors.setdefault(int(cell.group(2)), {})
                    row[_column_number(cell.group(1))] = value.group(1).decode("utf-8", "replace")
            tail = text[done:]
            if not chunk:
                break
            if len(tail) > _SCAN_CHUNK:  # a cell longer than a megabyte: no formula in it
                tail = b""
    if unsaved:
        shown = ", ".join(unsaved[:10]) + (" …" if len(unsaved) > 10 else "")
        raise ReadError("formula_without_value", file=file_name, count=len(unsaved), cells=shown)
    return errors


def _with_errors(
    rows: Iterator[list[str]], errors: dict[int, dict[int, str]]
) -> Iterator[list[str]]:
    """The rows with each error cell's text (``#DIV/0!``) where the reader gave nothing, so
    the checks name its row, column and value."""
    for number, row in enumerate(rows, start=1):
        for column, text in errors.get(number, {}).items():
            if column <= len(row) and not row[column - 1]:
                row[column - 1] = text
        yield row


# --------------------------------------------------------------------------- shape


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def find_header(rows: list[list[str]], known: set[str]) -> int:
    """Index of the header among the first rows: the row naming most known columns.

    Without any known name, the first row that is as wide as the table (title lines above a
    table are usually a single cell).
    """
    head = rows[:HEADER_SEARCH_ROWS]
    scores = [sum(1 for c in r if normalise_name(c) in known) for r in head]
    if scores and max(scores) > 0:
        return scores.index(max(scores))
    widths = [_filled(r) for r in head]
    if not widths or max(widths) == 0:
        return 0
    target = max(widths)
    return next(i for i, w in enumerate(widths) if w >= max(2, target // 2) or w == target)


def _bounded_lines(text: str, delimiter: str, file_name: str, limits: Limits) -> Iterator[str]:
    """The lines of a CSV text, refusing a line with more cells than the limit before the
    csv module splits it (a single 50 MB line would otherwise become millions of cells)."""
    for line in io.StringIO(text, newline=""):
        if line.count(delimiter) >= limits.max_columns:
            cells = _count_outside_quotes(line, delimiter) + 1
            if cells > limits.max_columns:
                raise ReadError(
                    "too_many_columns", file=file_name, count=cells, limit=limits.max_columns
                )
        yield line


def _csv_rows(
    lines: Iterator[str], text: str, delimiter: str, file_name: str
) -> Iterator[list[str]]:
    """The rows of a CSV text; refused when a quote opens a cell and never closes, so the
    last row swallowed the rest of the file into one cell."""
    reader = csv.reader(lines, delimiter=delimiter)
    row: list[str] = []
    begun = started = 0  # lines read before the current row and before the last one
    for row in reader:
        started, begun = begun, reader.line_num
        yield [c.strip("\ufeff") for c in row]
    if any("\n" in c or "\r" in c for c in row) and _ends_quoted(text, started, delimiter):
        raise ReadError("unterminated_quote", file=file_name, line=started + 1)


def _ends_quoted(text: str, skip: int, delimiter: str) -> bool:
    """Whether ``text`` after its first ``skip`` lines ends inside a quoted cell (the states
    of Python's csv reader: a quote opens a cell only at its start; "" inside is a quote)."""
    tail = "".join(itertools.islice(io.StringIO(text, newline=""), skip, None))
    state = "start"  # start of a cell, in a cell, in quotes, a quote just seen in quotes
    for char in tail:
        if state == "quoted":
            state = "quote" if char == '"' else "quoted"
        elif state == "quote" and char == '"':
            state = "quoted"
        elif char in (delimiter, "\n", "\r"):
            state = "start"
        elif state == "start" and char == '"':
            state = "quoted"
        else:
            state = "cell"
    return state == "quoted"


def read_table(
    data: bytes,
    file_name: str,
    options: ReadOptions | None = None,
    known: set[str] | None = None,
    work_dir: Path | None = None,
    limits: Limits = LIMITS,
) -> RawTable:
    """Read a file into a normalised CSV. ``known``: normalised names that mark a header.

    ``limits`` bound the work: a file beyond them is refused with a ReadError naming the
    limit, before its rows are allocated; with ``limits.isolate`` the reading runs in a
    capped child process (see :class:`Limits`).
    """
    opts = options or ReadOptions()
    out_dir = work_dir or Path.cwd()
    if limits.isolate:
        return _read_isolated(data, file_name, opts, known or set(), out_dir, limits)
    return _read_here(data, file_name, opts, known or set(), out_dir, limits)


def _read_isolated(
    data: bytes,
    file_name: str,
    opts: ReadOptions,
    known: set[str],
    out_dir: Path,
    limits: Limits,
) -> RawTable:
    """read_table in a child process with a memory cap and a time limit."""
    # fork: the child starts in milliseconds with the reader already imported, and does
    # nothing but read (no lock another thread of the server could hold: no logging, no
    # database, no imports), and the time limit ends it whatever happens. forkserver and
    # spawn would import the caller's __main__ again in the child.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child_limits = dataclasses.replace(limits, isolate=False)
    process = context.Process(
        target=_read_child,
        args=(send, data, file_name, opts, known, out_dir, child_limits),
        daemon=True,
    )
    process.start()
    send.close()
    try:
        if not receive.poll(limits.max_seconds):
            raise ReadError("too_slow", file=file_name, seconds=f"{limits.max_seconds:g}")
        try:
            outcome, payload = receive.recv()
        except EOFError:
            # The child died without a word: the allocator gave up at the memory cap.
            raise ReadError(
                "too_much_memory", file=file_name, limit=_megabytes(limits.max_memory)
            ) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if outcome == "ok":
        return cast("RawTable", payload)
    if outcome == "read":
        variant, params = payload
        raise ReadError(variant, **params)
    if outcome == "memory":
        raise ReadError("too_much_memory", file=file_name, limit=_megabytes(limits.max_memory))
    raise cast("BaseException", payload)


def _read_child(
    send: Connection,
    data: bytes,
    file_name: str,
    opts: ReadOptions,
    known: set[str],
    out_dir: Path,
    limits: Limits,
) -> None:
    """The child's side: cap the address space, read, send the outcome back.

    The cap is on what the child may add to the address space it inherits: a server process
    (DuckDB, numpy, Streamlit) already maps gigabytes it never touches, and a cap below that
    would refuse every allocation of the reader.
    """
    faulthandler.disable()  # a reader aborted at the cap is reported by the parent, not dumped
    cap = _address_space() + limits.max_memory
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        send.send(("ok", _read_here(data, file_name, opts, known, out_dir, limits)))
    except ReadError as exc:
        send.send(("read", (exc.variant, exc.params)))
    except MemoryError:
        send.send(("memory", None))
    except Exception as exc:
        try:
            send.send(("error", exc))
        except Exception:
            send.send(("error", RuntimeError(str(exc))))
    finally:
        send.close()


def _address_space() -> int:
    """The bytes of address space this process has mapped (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def too_big(size: int, file_name: str, limits: Limits = LIMITS) -> ReadError:
    """The refusal of a file of ``size`` bytes beyond ``limits.max_bytes``."""
    return ReadError(
        "too_big", file=file_name, size=_megabytes(size), limit=_megabytes(limits.max_bytes)
    )


def _read_here(
    data: bytes,
    file_name: str,
    opts: ReadOptions,
    known: set[str],
    out_dir: Path,
    limits: Limits,
) -> RawTable:
    if len(data) > limits.max_bytes:
        raise too_big(len(data), file_name, limits)
    fmt = detect_format(data, file_name)
    encoding = delimiter = line_end = sheet = None
    sheets: list[str] = []
    rows: Iterator[list[str]]
    if fmt == "csv":
        if not data.strip():
            raise ReadError("empty", file=file_name)
        text, encoding = decode(data, opts.encoding)
        delimiter = opts.delimiter or sniff_delimiter(text)
        line_end = _line_end(text)
        lines = _bounded_lines(text, delimiter, file_name, limits)
        rows = _csv_rows(lines, text, delimiter, file_name)
    else:
        rows, sheet, sheets = _excel_rows(data, file_name, opts.sheet, limits)
    rows = _bounded_rows(rows, file_name, limits)
    try:
        return _normalise(rows, file_name, opts, known, out_dir, {
            "file_format": fmt, "encoding": encoding, "delimiter": delimiter,
            "line_end": line_end, "sheet": sheet, "sheets": sheets,
        })  # fmt: skip
    except csv.Error as exc:
        raise ReadError("not_csv", file=file_name, error=str(exc)) from exc
    except CalamineError as exc:  # a sheet's XML broken past its first rows, an unknown entity
        raise ReadError("no_workbook", file=file_name, error=str(exc)) from exc


def _carry(left: str, cell: str) -> str:
    return cell or left


def join_header(rows: list[list[str]]) -> list[str]:
    """Stacked header rows as one: an upper row's label stands over the empty cells to its
    right (a merged cell), and a column's labels are joined with a space."""
    width = max((len(r) for r in rows), default=0)
    filled: list[list[str]] = []
    for number, row in enumerate(rows):
        cells = [c.strip() for c in row] + [""] * (width - len(row))
        if number < len(rows) - 1:
            cells = list(itertools.accumulate(cells, _carry))
        filled.append(cells)
    return [" ".join(r[i] for r in filled if r[i]) for i in range(width)]


def _bounded_rows(rows: Iterator[list[str]], file_name: str, limits: Limits) -> Iterator[list[str]]:
    """The rows, refused as soon as they pass the limits on rows, columns or cells."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > limits.max_rows:
            raise ReadError("too_many_rows", file=file_name, count=number, limit=limits.max_rows)
        if len(row) > limits.max_columns:
            raise ReadError(
                "too_many_columns", file=file_name, count=len(row), limit=limits.max_columns
            )
        cells += len(row)
        if cells > limits.max_cells:
            raise ReadError("too_many_cells", file=file_name, count=cells, limit=limits.max_cells)
        yield row


def _check_one_cell(
    row: list[str], number: int, width: int, delimiter: str | None, file_name: str
) -> None:
    """A data row whose one cell splits into the table's width by another delimiter was
    written with another delimiter (mixed delimiters): its cells would be one key."""
    cell = next((c for c in row if c.strip()), "")
    for other in DELIMITERS:
        if other != delimiter and width - 1 <= cell.count(other) <= width:
            raise ReadError(
                "mixed_delimiters", file=file_name, row=number, found=repr(other),
                delimiter=repr(delimiter),
            )  # fmt: skip


def _median(histogram: Counter[int]) -> int:
    total = sum(histogram.values())
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen > total // 2:
            return value
    return 0


def head_size(opts: ReadOptions) -> int:
    """How many rows from the top :func:`locate_header` needs."""
    return max(HEADER_SEARCH_ROWS, (opts.skip_rows or 0) + max(1, opts.header_rows or 1))


def locate_header(
    head: list[list[str]], file_name: str, opts: ReadOptions, known: set[str], notes: list[Note]
) -> tuple[list[str], int, int]:
    """The header (stacked rows joined), its row number and the index of the first data row,
    from the rows at the top of the file; notes what was skipped or found missing."""
    stacked = max(1, opts.header_rows or 1)
    if opts.skip_rows is not None:
        start = opts.skip_rows
    else:
        start = find_header(head, known) if not opts.no_header else 0
        start = max(0, start - stacked + 1)  # the names found are on the last header row
        if start:
            notes.append(Note("note.skipped_lines", {"count": start}))
        first = head[start] if start < len(head) else []
        if not opts.no_header and not any(normalise_name(c) in known for c in first):
            notes.append(Note("note.no_header", {"row": start + 1}))
    if start >= len(head):
        raise ReadError("nothing_left", file=file_name, count=start)
    header = [] if opts.no_header else join_header(head[start : start + stacked])
    header_row = 0 if opts.no_header else start + stacked
    first_data = start if opts.no_header else start + stacked
    return header, header_row, first_data


def _normalise(
    rows: Iterator[list[str]],
    file_name: str,
    opts: ReadOptions,
    known: set[str],
    out_dir: Path,
    source: dict[str, Any],
) -> RawTable:
    """Stream the rows into the normalised CSV, holding only the rows that may be a footer."""
    notes: list[Note] = []

    def note(key: str, **values: Any) -> None:
        notes.append(Note(key, values))

    sheets, sheet = source.pop("sheets"), source["sheet"]
    if source["file_format"] != "csv" and len(sheets) > 1 and opts.sheet is None:
        note("note.sheets", count=len(sheets), sheets=", ".join(sheets), sheet=sheet)
    head = list(itertools.islice(rows, head_size(opts)))
    header, header_row, first_data = locate_header(head, file_name, opts, known, notes)
    limit = None if opts.no_header else len(header)  # cells kept per row

    out_path = out_dir / "normalised.csv"
    overflow: list[int] = []
    state = {"count": 0, "empty": 0, "used": 0, "width": 0, "longest": 0}
    filled_counts: Counter[int] = Counter()
    pending: list[tuple[int, list[str], int]] = []  # rows since the last row of 2+ cells

    with open(out_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["_row", *[f"c{i}" for i in range(1, len(header) + 1)]])

        def write(number: int, row: list[str], filled: int) -> None:
            if filled == 0:
                state["empty"] += 1
                return
            if filled == 1 and limit is not None and limit >= 3:
                _check_one_cell(row, number, limit, source["delimiter"], file_name)
            cells = row if limit is None else row[:limit]
            if limit is not None and any(c.strip() for c in row[limit:]):
                overflow.append(number)
            last = max((i + 1 for i, c in enumerate(row) if c.strip()), default=0)
            state["used"] = max(state["used"], last)
            state["width"] = max(state["width"], len(cells))
            writer.writerow([number, *cells])
            state["count"] += 1

        body = itertools.chain(head[first_data:], rows)
        for number, row in enumerate(body, start=first_data + 1):
            state["longest"] = max(state["longest"], len(row))
            filled = _filled(row)
            if filled:
                filled_counts[filled] += 1
            if filled > 1:
                for held in pending:
                    write(*held)
                pending.clear()
                write(number, row, filled)
            else:
                pending.append((number, row, filled))
        # Footer: trailing single-cell rows (copyright lines, footnotes, "Stand") below a
        # table at least three cells wide. A sparse data row is data: the validator says what
        # it lacks. Trailing empty rows are dropped without a word.
        while pending and pending[-1][2] == 0:
            pending.pop()
        footer = min(MAX_FOOTER_ROWS, len(pending))
        before_footer = state["count"] + state["empty"] + len(pending) - footer
        if footer and before_footer > 0 and _median(filled_counts) > 2:
            for number, row, filled in pending[len(pending) - footer :]:
                if filled == 1 and limit is not None and limit >= 3:  # in another delimiter?
                    _check_one_cell(row, number, limit, source["delimiter"], file_name)
            note("note.footer", count=footer)
            del pending[len(pending) - footer :]
        for held in pending:
            write(*held)

    if opts.no_header:
        header = [f"col{i}" for i in range(1, state["longest"] + 1)]
    # Trailing empty columns, as Excel leaves them.
    width = len(header)
    while width > 0 and not header[width - 1] and width > state["used"]:
        width -= 1
    header = [h if h else f"column_{i}" for i, h in enumerate(header[:width], start=1)]
    if not header:
        raise ReadError("no_columns", file=file_name)
    if state["empty"]:
        note("note.empty_rows", count=state["empty"])
    count = state["count"]
    encoding, delimiter = source["encoding"], source["delimiter"]
    line_end, fmt = source["line_end"], source["file_format"]
    return RawTable(
        file_name=file_name,
        header=header,
        csv_path=out_path,
        rows=count,
        header_row=header_row,
        file_format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        line_end=line_end,
        sheet=sheet,
        notes=notes,
        overflow_rows=overflow,
        width=max(state["width"], len(header)),
    )
