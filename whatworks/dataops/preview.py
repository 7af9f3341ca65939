"""Reading an upload as the validator will see it: the preview, the workbook's sheets, the
kind guessed from the headers (and the file name), and how the file was read in one line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from models import Kind, column_lookup, columns, normalise_name
from whatworks import ingest, store
from whatworks.i18n import format_number, t
from whatworks.ingest.read import detect_format, unreadable
from whatworks.ingest.report import Note

PREVIEW_ROWS: Final = 20

# Words in a file name that hint at its kind; used only when the headers tie.
NAME_HINTS: Final[dict[Kind, tuple[str, ...]]] = {
    Kind.budget: (
        "budget",
        "begroting",
        "jaarrekening",
        "realisatie",
        "regnskab",
        "regnskap",
        "budsjett",
        "iv3",
    ),
    Kind.programmes: ("programme", "register", "interventie", "indsats", "tiltak"),
    Kind.outcomes: ("outcome", "uitkomst", "resultat", "monitor", "meting"),
    Kind.indicators: ("indicators", "indicatoren", "indikatorer"),
}


def file_token(file_name: str, data: bytes) -> str:
    """A short, stable id for one uploaded file (its widgets are keyed by it)."""
    digest = hashlib.sha256(file_name.encode("utf-8") + b"\x00" + data).hexdigest()
    return digest[:12]


@dataclass(frozen=True)
class Parsed:
    """A file as the validator reads it: header, first rows, dialect and notes."""

    header: tuple[str, ...]
    rows: pd.DataFrame  # the first rows as text, indexed by spreadsheet row number
    total_rows: int
    dialect: Mapping[str, Any]
    notes: tuple[Note, ...]
    error: ingest.Problem | None = None  # why the file cannot be read at all


def _cells(row: list[str], width: int) -> list[str]:
    """A normalised CSV row's cells under the header: cut or padded to its width."""
    cells = row[1 : width + 1]
    return cells + [""] * (width - len(cells))


def _known_names(kind: Kind | None, options: ingest.LoadOptions) -> set[str]:
    kinds = list(Kind) if kind is None else [Kind(kind)]
    known = {name for k in kinds for name in column_lookup(k)}
    return known | {normalise_name(k) for k in options.mapping}


def _unique(names: Iterable[str]) -> list[str]:
    """Column names made unique for a table (a file may repeat a header)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def parse(
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions | None = None,
    kind: Kind | str | None = None,
    limit: int = PREVIEW_ROWS,
) -> Parsed:
    """Read a file as the validator of ``kind`` will (any kind when None): the preview."""
    opts = options or ingest.LoadOptions()
    read_options = ingest.ReadOptions(
        opts.sheet, opts.skip_rows, opts.no_header, opts.delimiter, opts.encoding
    )
    known = _known_names(Kind(kind) if kind else None, opts)
    with tempfile.TemporaryDirectory(prefix=store.work_dir_prefix() + "preview-") as tmp:
        try:
            raw = ingest.read_table(data, file_name, read_options, known, Path(tmp))
        except (ingest.ReadError, UnicodeDecodeError, LookupError) as exc:
            return Parsed((), pd.DataFrame(), 0, {}, (), unreadable(exc))
        with open(raw.csv_path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)  # _row, c1..cN
            first = [row for _, row in zip(range(limit), reader, strict=False)]
    frame = pd.DataFrame(
        [_cells(row, len(raw.header)) for row in first],
        columns=_unique(raw.header),
        index=[int(r[0]) for r in first],
    )
    dialect = {
        "format": raw.file_format,
        "encoding": raw.encoding,
        "delimiter": raw.delimiter,
        "sheet": raw.sheet,
        "header_row": raw.header_row,
    }
    return Parsed(
        tuple(raw.header),
        frame,
        raw.rows,
        dialect,
        tuple(raw.notes),
    )


def sheet_names(data: bytes, file_name: str) -> list[str]:
    """The sheets of an Excel workbook (empty for a CSV or a file that cannot be opened)."""
    try:
        if detect_format(data, file_name) == "csv":
            return []
        from python_calamine import CalamineWorkbook

        return [str(n) for n in CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names]
    except Exception:  # any failure: no sheet list; the validator says what is wrong
        return []


def header_matches(headers: Iterable[str], kind: Kind | str) -> set[str]:
    """The contract columns of ``kind`` that headers name exactly (by name or alias)."""
    lookup = column_lookup(kind)
    return {lookup[n] for h in headers if (n := normalise_name(h)) in lookup}


def guess_kind(headers: Sequence[str], file_name: str = "") -> Kind:
    """The kind whose contract columns the headers name most.

    Ties go to the kind naming more of its required columns, then to a hint in the file
    name (``begroting``, ``register``, ...), then to the contract's order of kinds.
    """
    name = file_name.lower()

    def score(kind: Kind) -> tuple[int, int, bool]:
        matched = header_matches(headers, kind)
        required = {s.name for s in columns(kind) if s.required}
        hint = any(word in name for word in NAME_HINTS[kind])
        return len(matched), len(matched & required), hint

    return max(Kind, key=score)


def kind_label(kind: Kind | str, lang: str) -> str:
    """A kind's name in ``lang``: how a kind is offered and headed on the Data page."""
    return t(f"kind.{kind}", lang)


def dialect_line(parsed: Parsed, decimal: str | None, lang: str) -> str:
    """How a file was read, in one line of Markdown: format, encoding, separator, ..."""
    d = parsed.dialect

    def code(value: object) -> str:
        return "`" + str(value).replace("`", "'") + "`"

    parts = [t("data.dialect_format", lang, format=str(d.get("format", "")).upper())]
    if d.get("encoding"):
        parts.append(t("data.dialect_encoding", lang, encoding=code(d["encoding"])))
    if d.get("delimiter"):
        tab = d["delimiter"] == "\t"
        shown = t("data.delimiter_tab", lang) if tab else code(d["delimiter"])
        parts.append(t("data.dialect_delimiter", lang, delimiter=shown))
    if decimal:
        parts.append(t("data.dialect_decimal", lang, decimal=code(decimal)))
    if d.get("sheet"):
        parts.append(t("data.dialect_sheet", lang, sheet=code(d["sheet"])))
    if d.get("header_row"):
        parts.append(t("data.dialect_header", lang, row=d["header_row"]))
    else:
        parts.append(t("data.dialect_no_header", lang))
    parts.append(t("data.dialect_rows", lang, rows=format_number(parsed.total_rows, lang)))
    return " · ".join(parts)
