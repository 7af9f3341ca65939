"""Every file the app offers for download, made safe for a spreadsheet (OWASP CSV injection).

A spreadsheet runs a cell as a formula when its text starts with ``=``, ``+``, ``-`` or ``@``
(and some when it starts with a tab or carriage return, or with the full-width forms
``＝ ＋ － ＠``, also after leading spaces). :func:`neutralise` puts a ``'`` before such a
text, which the spreadsheet shows as the text itself. Every CSV or workbook the app offers
(the validation report, the decision log, every view's data) goes through it; numbers
stay numbers. The data behind a view's charts and tables is a :class:`DataTable` (numbers as
numbers, each column with its kind), written as CSV (:func:`data_csv`) or as a workbook with
number formats (:func:`xlsx_bytes`), named by :func:`file_name`. No Streamlit here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal, overload

import pandas as pd

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Whitespace a spreadsheet skips before it looks for a formula sign.
LEADING_SPACE: Final = " \u00a0\u2007\u202f\u3000\n\x0b\x0c"


@overload
def neutralise(value: str) -> str: ...
@overload
def neutralise(value: Any) -> Any: ...
def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet will not run as a formula; anything else unchanged."""
    if isinstance(value, str) and value.lstrip(LEADING_SPACE).startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, str) and value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV for a spreadsheet (UTF-8 with a byte-order mark), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def table_csv(table: pd.DataFrame | Any) -> bytes:
    """A shown table (a DataFrame, or a Styler around one) as a neutralised CSV."""
    frame: pd.DataFrame = getattr(table, "data", table)
    rows = (
        [None if _missing(v) else v for v in record]
        for record in frame.itertuples(index=False, name=None)
    )
    return csv_bytes([str(c) for c in frame.columns], rows)


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- data tables


ColumnKind = Literal["text", "money", "percent", "number", "integer", "date", "year"]
# How a spreadsheet shows each kind (the number stays a number; Excel writes it with the
# reader's own separators). Money gets the currency's code in its format (see money_format).
NUMBER_FORMATS: Final[dict[str, str]] = {
    "percent": "0.0%",
    "number": "#,##0.00",
    "integer": "#,##0",
    "year": "0",
    "date": "yyyy-mm-dd",
}
SHEET_NAME_CHARS: Final = 31  # Excel's limit
CENT: Final = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    """A column of a data table: its header (in the reader's language) and its kind."""

    header: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class DataTable:
    """The data behind one chart or table: numbers as numbers (money Decimal, shares as
    fractions of 1, dates as dates), each column with its kind, for CSV and .xlsx."""

    slug: str  # ASCII, for file and sheet names: "by-programme"
    title: str  # in the reader's language
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    currency: str | None = None

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def money_format(currency: str | None) -> str:
    """An Excel number format for an amount in ``currency``: ``#,##0.00 "EUR"``."""
    code = "".join(ch for ch in (currency or "") if ch.isalnum())[:3].upper()
    return f'#,##0.00 "{code}"' if code else "#,##0.00"


def data_csv(table: DataTable) -> bytes:
    """A data table as CSV: numbers unformatted (money with its cents ``1234.50``, a share
    ``0.287``), dates ISO, unknowns empty."""
    kinds = [c.kind for c in table.columns]
    rows = ([_csv_value(v, k) for v, k in zip(row, kinds, strict=True)] for row in table.rows)
    return csv_bytes(table.headers, rows)


def _csv_value(value: Any, kind: str) -> Any:
    if value is None or _missing(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == "money" and isinstance(value, Decimal):
        return value.quantize(CENT)  # a number (never neutralised), written with its cents
    return value


def xlsx_bytes(tables: Sequence[DataTable], about: Sequence[tuple[str, str]] = ()) -> bytes:
    """A workbook: an about sheet (what, filters, version, date) then one sheet per table.

    Numbers are numbers with a number format (money with its currency, shares as %), dates
    are dates, and every text cell (headers too) goes through :func:`neutralise`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    info = book.active
    info.title = "about"
    for label, value in about:
        info.append([neutralise(label), neutralise(value)])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 60
    used = {"about"}
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.slug, used))
        sheet.append([neutralise(h) for h in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
        for index, column in enumerate(table.columns, start=1):
            fmt = money_format(table.currency) if column.kind == "money" else None
            fmt = fmt or NUMBER_FORMATS.get(column.kind)
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(12, min(48, len(column.header) + 4))
            if fmt is None:
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if cell.value is not None and not isinstance(cell.value, str):
                    cell.number_format = fmt
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None or _missing(value):
        return None
    if kind == "text" or isinstance(value, str):
        return neutralise(str(value))
    if isinstance(value, Decimal):
        return value  # openpyxl writes the exact decimal digits as a number
    if isinstance(value, dt.date):
        return value
    if kind in ("integer", "year"):
        return int(value)
    return float(value)


def _sheet_name(slug: str, used: set[str]) -> str:
    base = "".join(ch for ch in slug if ch not in "[]:*?/\\")[:SHEET_NAME_CHARS] or "table"
    name, n = base, 2
    while name in used:
        suffix = f"-{n}"
        name, n = base[: SHEET_NAME_CHARS - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def slug(text: object) -> str:
    """``text`` as a file-name part: ASCII letters, digits and ``-`` ('Jeugd & Gezin' ->
    'jeugd-gezin'); accents dropped, nothing that a file system or mail client mangles."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)[:40]


def file_name(
    view: str,
    parts: Sequence[object],
    version: int,
    day: dt.date,
    extension: str,
    *,
    table: str | None = None,
) -> str:
    """``whatworks_overview_2025_v12_2026-11-30.xlsx``: view (and table), filters, data
    version, date."""
    pieces = ["whatworks", slug(view) + (f"-{slug(table)}" if table else "")]
    pieces += [s for s in (slug(p) for p in parts if p is not None) if s]
    pieces += [f"v{version}", day.isoformat()]
    return "_".join(pieces) + f".{extension}"


__all__ = [
    "FORMULA_STARTS",
    "NUMBER_FORMATS",
    "Column",
    "ColumnKind",
    "DataTable",
    "csv_bytes",
    "data_csv",
    "file_name",
    "money_format",
    "neutralise",
    "slug",
    "table_csv",
    "xlsx_bytes",
]
