"""The files a view offers, as bytes, and their names. No Streamlit."""

from __future__ import annotations

from whatworks import exports
from whatworks.i18n import t
from whatworks.reports.build import about
from whatworks.reports.contents import ViewReport
from whatworks.reports.html import render
from whatworks.reports.png import png_bytes, titled


def names(report: ViewReport, extension: str, table: str | None = None) -> str:
    """``whatworks_overview_2025_v12_2026-11-30.xlsx`` (a table's: ``overview-by-programme``)."""
    r = report.request
    view = r.view.replace("_", "-")
    return exports.file_name(
        view, report.file_parts, r.version, report.generated.date(), extension, table=table
    )


def xlsx_file(report: ViewReport) -> bytes:
    """Every table of the view in one workbook, after a sheet saying what it is."""
    return exports.xlsx_bytes(report.tables(), about(report))


def csv_file(report: ViewReport, slug: str) -> bytes:
    """One table of the view as CSV."""
    return exports.data_csv(report.table(slug))


def html_file(report: ViewReport) -> bytes:
    return render(report).encode("utf-8")


def chart_png(report: ViewReport, slug: str) -> bytes:
    """The chart beside table ``slug``, with the view, the filters, version and date in it."""
    figure = report.charts[slug]()
    lang = report.request.lang
    title = report.outline[slug]
    filters = " · ".join(f"{label}: {value}" for label, value in report.filters)
    stamp = t(
        "report.png_stamp",
        lang,
        version=report.request.version,
        date=report.generated.strftime("%Y-%m-%d %H:%M UTC"),
    )
    lines = [f"{report.title} · {filters}" if filters else report.title, stamp]
    return png_bytes(titled(figure, title, lines))


__all__ = ["chart_png", "csv_file", "html_file", "names", "xlsx_file"]
