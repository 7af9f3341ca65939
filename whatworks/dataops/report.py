"""The validation report: as rows, as a table for the screen in a language, and as a CSV
file for a spreadsheet with formula cells neutralised (OWASP: CSV injection).

Problems and notes are said in the page's language: each carries a translation key
(``problem.<code>``, ``note.<name>``) and the values its English text is made of; without a
translation for the key the English text is shown, as the CLI prints it.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final

import pandas as pd

from whatworks import ingest
from whatworks.i18n import catalogue, normalise_language, t

REPORT_COLUMNS: Final = ("severity", "row", "column", "value", "message", "file")
# A cell beginning with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def translated(key: str, params: dict[str, Any], english: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` filled with ``params``; ``english`` when there is none.

    English is the text as given (the CLI's words exactly); a key missing from the catalogue,
    or values that do not fill it, fall back to it too.
    """
    code = normalise_language(lang)
    text = catalogue(code).get(key)
    if code == "en" or text is None:
        return english
    try:
        return text.format(**{k: v for k, v in params.items() if k != "variant"})
    except (KeyError, IndexError, ValueError):
        return english


def problem_text(problem: ingest.Problem, lang: str) -> str:
    """A problem's message in ``lang`` (its English message when it has no translation)."""
    return translated(problem.key, problem.params, problem.message, lang)


def notes_text(
    notes: list[str] | tuple[str, ...],
    note_keys: list[tuple[str, dict[str, Any]]],
    lang: str,
) -> list[str]:
    """English notes in ``lang``: each note whose English text one of ``note_keys`` renders.

    Matching on the English text lets notes read elsewhere (the preview) use the keys of the
    report; a note no key renders stays English.
    """
    known = {}
    for key, params in note_keys:
        if key in catalogue("en"):
            try:
                english = catalogue("en")[key].format(**params)
            except (KeyError, IndexError, ValueError):
                continue
            known[english] = translated(key, params, english, lang)
    return [known.get(note, note) for note in notes]


def report_notes(report: ingest.Report, lang: str) -> list[str]:
    """The report's notes in ``lang``."""
    return notes_text(report.notes, report.note_keys, lang)


def report_rows(report: ingest.Report, lang: str = "en") -> list[dict[str, Any]]:
    """Every error, then every warning, with the file, row, column and value it is about.

    The message is in ``lang`` where the problem has a translation.
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
