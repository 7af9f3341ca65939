"""Downloadable templates, the data dictionary and the contract's tables, from models.py."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from models import MISSING_MARKERS, Kind, data_dictionary, template_rows


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows: list[list[str]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_bytes(kind: Kind | str, fmt: str = "csv") -> bytes:
    """An empty template: the header row and one example row."""
    header, example = template_rows(kind)
    rows = [header, example]
    if fmt == "xlsx":
        return _xlsx_bytes(rows, Kind(kind).value)
    if fmt == "csv":
        return _csv_bytes(rows)
    msg = f"unknown format {fmt!r}: use csv or xlsx"
    raise ValueError(msg)


def dictionary_bytes(fmt: str = "csv") -> bytes:
    """The data dictionary: every contract column with aliases, type, rules, description."""
    entries = data_dictionary()
    header = list(entries[0])
    rows = [header, *[[e[h] for h in header] for e in entries]]
    if fmt == "xlsx":
        return _xlsx_bytes(rows, "data dictionary")
    return _csv_bytes(rows)


# The blocks of docs/data-contract.md written from models.py: between
# "<!-- models.py: NAME -->" and "<!-- /models.py -->", NAME a kind or "missing".
DOC_BLOCK = re.compile(r"(<!-- models\.py: (\w+) -->\n).*?(<!-- /models\.py -->)", re.S)
DOC_COLUMNS = ("column", "aliases", "type", "required", "default", "rules", "description")


def contract_table(kind: Kind | str) -> str:
    """The Markdown table of one kind's columns, as the data dictionary has them."""
    rows = [e for e in data_dictionary() if e["kind"] == Kind(kind).value]
    lines = ["| " + " | ".join(DOC_COLUMNS) + " |", "|" + "---|" * len(DOC_COLUMNS)]
    lines += ["| " + " | ".join(e[c] for c in DOC_COLUMNS) + " |" for e in rows]
    return "\n".join(lines) + "\n"


def missing_markers_line() -> str:
    """The contract's sentence on missing values: every marker of models.MISSING_MARKERS."""
    markers = ", ".join(f"`{m}`" for m in MISSING_MARKERS if m)
    return f'- **Missing values**: an empty cell, {markers} (in any case) mean "no value".\n'


def contract_doc(text: str) -> str:
    """``text`` (docs/data-contract.md) with its generated blocks written from models.py."""

    def block(match: re.Match[str]) -> str:
        name = match.group(2)
        body = missing_markers_line() if name == "missing" else contract_table(name)
        return match.group(1) + body + match.group(3)

    return DOC_BLOCK.sub(block, text)


if __name__ == "__main__":  # python -m whatworks.templates: rewrite the contract's tables
    doc = Path(__file__).resolve().parents[1] / "docs" / "data-contract.md"
    doc.write_text(contract_doc(doc.read_text(encoding="utf-8")), encoding="utf-8")
