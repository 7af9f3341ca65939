"""What a view's report holds: its sections (sentences, headline figures, a chart, the table
as the view shows it, the data behind it) and the request that made it. No Streamlit.

A report is built by the same domain functions, chart builders and formatters the view
uses (:mod:`whatworks.reports.build`), so a figure reads the same in the app, in the HTML
report, in the workbook and in the CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from whatworks.exports import DataTable

# The views a report can be made of, in menu order (the names pages and the CLI use).
VIEWS: Final[tuple[str, ...]] = (
    "overview",
    "spend_vs_effect",
    "intervention",
    "programmes",
    "benchmark",
    "portfolio",
)

# fn(cursor, *args, **kwargs) on one data generation: a page passes ``frame.fetch`` (cached),
# the command line a function over its own cursor.
Fetch = Callable[..., Any]


class ReportError(Exception):
    """A report that cannot be made: a catalogue code and its values (the CLI says them)."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def in_one_currency(fetch: Fetch, fn: Callable[..., Any], currency: str | None, **kw: Any) -> Any:
    """``fetch(fn, **kw)`` as the page calls it; when the year's spend is in several
    currencies, again with ``currency`` (the one the page chose), else a clear error."""
    from whatworks.analytics import MixedCurrencyError

    try:
        return fetch(fn, **kw)
    except MixedCurrencyError as exc:
        if currency is None:
            shown = ", ".join(c for c in exc.currencies if c is not None)
            raise ReportError("report.several_currencies", year=exc.year, currencies=shown) from exc
        return fetch(fn, **kw, currency=currency)


@dataclass(frozen=True)
class Request:
    """Which view, with which filters, language and data version (and a view's own choices:
    the currency when the year's spend is in several, the peers of a benchmark, the
    Overview's switch between money and each programme's shares)."""

    view: str
    lang: str
    version: int
    year: int | None = None
    municipality: str | None = None
    programme: str | None = None
    stage: str | None = None
    intervention: str | None = None
    currency: str | None = None
    peers: tuple[str, ...] | None = None
    share: bool = False  # Overview: spend per programme as shares, as the page's switch shows


@dataclass(frozen=True)
class Section:
    """One part of a view: a heading, sentences, headline figures (label, value), a chart,
    the table as the view shows it (text) and the data behind them (numbers)."""

    title: str
    sentences: tuple[str, ...] = ()
    tiles: tuple[tuple[str, str], ...] = ()
    chart: Callable[[], go.Figure] | None = None  # made when asked for (a download)
    shown: Callable[[], pd.DataFrame] | None = None  # the same
    data: DataTable | Callable[[], DataTable] | None = None
    slug: str | None = None  # the data's name, when ``data`` is made when asked for

    @property
    def table_slug(self) -> str | None:
        return self.data.slug if isinstance(self.data, DataTable) else self.slug

    def table(self) -> DataTable | None:
        """The data behind the section (made now, when it is made when asked for)."""
        return self.data() if callable(self.data) else self.data


@dataclass(frozen=True)
class ViewReport:
    """A whole view, ready for a workbook, an image per chart or one HTML file."""

    request: Request
    title: str
    filters: tuple[tuple[str, str], ...]  # (label, value) in the reader's language
    file_parts: tuple[object, ...]  # the filter values for file names
    generated: dt.datetime
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def outline(self) -> dict[str, str]:
        """The title of each section that has data, by the data's slug (nothing made yet)."""
        return {s.table_slug: s.title for s in self.sections if s.table_slug is not None}

    def tables(self) -> list[DataTable]:
        """The data of every section (made now)."""
        return [table for s in self.sections if (table := s.table()) is not None]

    def table(self, slug: str) -> DataTable:
        section = next(s for s in self.sections if s.table_slug == slug)
        made = section.table()
        assert made is not None  # a section with a slug has data
        return made

    @property
    def charts(self) -> dict[str, Callable[[], go.Figure]]:
        """Every chart (made when called), by the slug of the data beside it."""
        return {
            s.table_slug or f"chart-{n}": s.chart
            for n, s in enumerate(self.sections, start=1)
            if s.chart is not None
        }


__all__ = [
    "VIEWS",
    "Fetch",
    "ReportError",
    "Request",
    "Section",
    "ViewReport",
    "in_one_currency",
]
