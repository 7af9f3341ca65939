"""The validation report: as rows, as a table for the screen in a language, and as a CSV
file for a spreadsheet with formula cells neutralised (OWASP: CSV injection).

Problems and notes are said in the page's language: each is a catalogue key
(``problem.<code>``, ``note.<name>``) and the values its text is made of; the English
catalogue gives the words the CLI prints.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

import pandas as pd

from whatworks import ingest
from whatworks.exports import FORMULA_STARTS, neutralise
from whatworks.i18n import format_number, normalise_language, t
from whatworks.ingest.report import Note

REPORT_COLUMNS: Final = ("severity", "row", "column", "value", "message", "file")
# A cell beginning with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_TRIGGERS: Final = FORMULA_STARTS


def problem_text(problem: ingest.Problem, lang: str) -> str:
    """A problem's message in ``lang``."""
    return problem.text(normalise_language(lang))


def notes_text(notes: Iterable[Note], lang: str) -> list[str]:
    """Notes in ``lang``."""
    code = normalise_language(lang)
    return [note.text(code) for note in notes]


def report_notes(report: ingest.Report, lang: str) -> list[str]:
    """The report's notes in ``lang``."""
    return notes_text(report.notes, lang)


def report_rows(report: ingest.Report, lang: str = "en") -> list[dict[str, Any]]:
    """Every error, then every warning, with the file, row, column and value it is about.

    The message is in ``lang``.
    """
    rows = []
    for severity, problems in (("error", report.errors), ("warning", report.warnings)):
        for p in problems:
            rows.append(
                {
                    "severity": severity,
                    "row": p.row,
                    "column": p.column,
                    "value": p.value,
                    "message": problem_text(p, lang),
                    "file": report.file,
                }
            )
    return rows


def report_frame(report: ingest.Report, lang: str = "en") -> pd.DataFrame:
    """The report as a table (columns :data:`REPORT_COLUMNS`), messages in ``lang``."""
    frame = pd.DataFrame(report_rows(report, lang), columns=list(REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame


def report_csv(report: ingest.Report, lang: str = "en") -> bytes:
    """The report as a CSV file for a spreadsheet: headers in ``lang``, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(t(f"data.report_col.{c}", lang)) for c in REPORT_COLUMNS])
    for row in report_rows(report, lang):
        row["severity"] = t(f"data.severity.{row['severity']}", lang)
        writer.writerow(["" if row[c] is None else neutralise(row[c]) for c in REPORT_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def report_error_count(report: ingest.Report) -> int:
    """All errors found, also those beyond the listed maximum."""
    return max(report.error_count, len(report.errors))


def report_table(report: ingest.Report, lang: str) -> pd.DataFrame:
    """The report for the screen: headers and severities in ``lang``, no empty markers."""
    table = report_frame(report, lang)
    table["severity"] = [t(f"data.severity.{s}", lang) for s in table["severity"]]
    table["row"] = ["" if pd.isna(r) else str(r) for r in table["row"]]
    table = table.astype(object).where(table.notna(), "")
    return table.rename(columns={c: t(f"data.report_col.{c}", lang) for c in REPORT_COLUMNS})


PREVIEW_COLUMNS: Final = {
    "budget": (
        "municipality",
        "period",
        "amount",
        "replaced_lines",
        "replaced_money",
        "kept_lines",
        "kept_money",
        "new_lines",
        "total_before",
        "total_after",
        "change",
    ),
    "outcomes": ("indicator", "period", "replaced_lines", "kept_lines", "new_lines"),
}
MONEY_COLUMNS: Final = ("replaced_money", "kept_money", "total_before", "total_after", "change")


def preview_table(report: ingest.Report, lang: str) -> pd.DataFrame:
    """What the load replaces and keeps (ingest/replace.py), for the screen in ``lang``."""
    names = PREVIEW_COLUMNS.get(report.kind, ())
    table = pd.DataFrame(report.preview, columns=list(names))
    for column in MONEY_COLUMNS:
        if column in table:
            table[column] = [format_number(Decimal(v), lang, decimals=2) for v in table[column]]
    if "amount" in table:
        table["amount"] = [t(f"data.replaces_amount.{a}", lang) for a in table["amount"]]
    return table.rename(columns={c: t(f"data.replaces_col.{c}", lang) for c in names})
