"""Every file the app offers for download, made safe for a spreadsheet (OWASP CSV injection).

A spreadsheet runs a cell as a formula when its text starts with ``=``, ``+``, ``-`` or ``@``
(and some when it starts with a tab or carriage return, or with the full-width forms
``＝ ＋ － ＠``, also after leading spaces). :func:`neutralise` puts a ``'`` before such a
text, which the spreadsheet shows as the text itself. Every CSV or workbook the app offers
(the validation report, the decision log, every table's download) goes through it; numbers
stay numbers. No Streamlit here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Final, overload

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


__all__ = ["FORMULA_STARTS", "csv_bytes", "neutralise", "table_csv"]
