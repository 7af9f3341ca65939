"""Downloadable templates and the data dictionary, generated from models.py."""

from __future__ import annotations

import csv
import io

from models import Kind, data_dictionary, template_rows


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
