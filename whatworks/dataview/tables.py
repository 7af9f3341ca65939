"""The Data page's Tables tab: rows per kind at the version shown, and a preview of each
loaded table (keys ``preview_<kind>``)."""

from __future__ import annotations

import streamlit as st

from models import Kind
from whatworks import browse, dataops, ui
from whatworks.i18n import format_number, t


def tables_tab(frame: ui.Frame) -> None:
    """A count per kind, then a tab per kind with its first rows."""
    counts = frame.fetch(browse.table_counts, frame.version)
    for column, kind in zip(st.columns(len(Kind)), Kind, strict=True):
        column.metric(
            dataops.kind_label(kind, frame.lang),
            format_number(counts[kind], decimals=0),
            help=t("data.rows_help", version=frame.version),
        )
    titles = [dataops.kind_label(k, frame.lang) for k in Kind]
    for tab, kind in zip(st.tabs(titles), Kind, strict=True):
        with tab:
            total = counts[kind]
            if total == 0:
                st.info(t("data.preview_empty"))
                continue
            preview = frame.fetch(browse.table_preview, kind, frame.version, browse.PREVIEW_ROWS)
            st.dataframe(preview, hide_index=True, key=f"preview_{kind}")
            if total > len(preview):
                shown = format_number(len(preview))
                caption = t(
                    "data.preview_caption",
                    shown=shown,
                    total=format_number(total),
                    version=frame.version,
                )
            else:
                caption = t("data.preview_all", total=format_number(total), version=frame.version)
            st.caption(caption)
