"""The one download block every view draws: the data behind each chart and table (CSV, and
all of them in one workbook), each chart as PNG, and the whole view as one HTML report.

``view_downloads(frame, "overview", currency=...)`` at the end of a page. The report is built
by :mod:`whatworks.reports` through ``frame.fetch`` (the page's own cached reads), so its
figures are the page's; charts and files are made only when asked for: the CSV, workbook and
HTML when their button is clicked (Streamlit's deferred download data), the PNG by a button
of its own (kaleido in a child process, bounded in time). Widget keys, for AppTest:
``<view>_export_table``, ``<view>_export_csv``, ``<view>_export_xlsx``, ``<view>_export_html``,
``<view>_export_png_make`` and, once made, ``<view>_export_png``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from whatworks import plain, reports, ui
from whatworks.i18n import t
from whatworks.reports.build import FILTERS

PNG_KEY = "ww_export_png"  # session state: (what it was made of, bytes or the error)


def view_request(frame: ui.Frame, view: str, **choices: Any) -> reports.Request:
    """What the view shows: its own filters from the frame, its language and data version."""
    used = FILTERS[view]
    f = frame.filters
    values: dict[str, Any] = {
        name: getattr(f, name) if name in used else None
        for name in ("municipality", "programme", "stage", "intervention")
    }
    return reports.Request(
        view=view, lang=frame.lang, version=frame.version, year=f.year, **(values | choices)
    )


def view_downloads(frame: ui.Frame, view: str, **choices: Any) -> None:
    """Draw the view's download block (see the module's docstring); not printed, and not on a
    screen shared in presentation mode (the files are for the people who prepare a meeting)."""
    if frame.filters.present is not None:
        return
    with st.container(key=f"{view}_export_block"):
        _block(frame, view, choices)


def _block(frame: ui.Frame, view: str, choices: dict[str, Any]) -> None:
    st.subheader(t("export.title"), anchor=False)
    st.caption(t("export.help"))
    try:
        report = reports.build(frame.fetch, view_request(frame, view, **choices))
    except reports.ReportError as exc:
        st.caption(plain.say("export.unavailable", reason=t(exc.code, **exc.values)))
        return
    titles = report.outline
    key = f"{view}_export"
    pick, csv_cell, xlsx_cell, png_cell, html_cell = st.columns(
        [3, 2, 2, 2, 2], vertical_alignment="bottom"
    )
    slug = pick.selectbox(
        t("export.table"), list(titles), format_func=titles.__getitem__, key=f"{key}_table"
    )
    if slug is not None:
        csv_cell.download_button(
            t("export.csv"),
            data=partial(reports.csv_file, report, slug),
            file_name=reports.names(report, "csv", table=slug),
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon=":material/table:",
        )
    xlsx_cell.download_button(
        t("export.xlsx"),
        data=partial(reports.xlsx_file, report),
        file_name=reports.names(report, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
        icon=":material/grid_on:",
    )
    html_cell.download_button(
        t("export.html"),
        data=partial(reports.html_file, report),
        file_name=reports.names(report, "html"),
        mime="text/html",
        key=f"{key}_html",
        on_click="ignore",
        icon=":material/description:",
    )
    with png_cell:
        _png(report, slug, key)


def _png(report: reports.ViewReport, slug: str | None, key: str) -> None:
    """A button that makes the chosen chart's image, then a button that downloads it."""
    if slug not in report.charts:
        st.caption(t("export.no_chart"))
        return
    r = report.request
    made_of = (r, slug)  # the image belongs to these filters, this version and this chart
    if st.button(t("export.png"), key=f"{key}_png_make", icon=":material/image:"):
        with st.spinner(t("export.png")):
            try:
                st.session_state[PNG_KEY] = (made_of, reports.chart_png(report, slug))
            except reports.PngError as exc:
                st.session_state[PNG_KEY] = (made_of, str(exc))
    kept = st.session_state.get(PNG_KEY)
    if kept is None or kept[0] != made_of:
        return
    if isinstance(kept[1], str):
        st.caption(plain.say("export.png_failed", reason=kept[1]))
        return
    st.download_button(
        t("export.png_download"),
        data=kept[1],
        file_name=reports.names(report, "png", table=slug),
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/download:",
    )


__all__ = ["view_downloads", "view_request"]
