"""Data: the loaded tables (row counts and a preview) and the dataset versions."""

import streamlit as st

from models import Kind
from whatworks import browse, ui
from whatworks.i18n import format_number, t

frame = ui.page_frame("data.title")
counts = frame.fetch(browse.table_counts, frame.version)

st.subheader(t("data.tables"))
for column, kind in zip(st.columns(len(Kind)), Kind, strict=True):
    column.metric(
        t(f"kind.{kind}"),
        format_number(counts[kind], decimals=0),
        help=t("data.rows_help", version=frame.version),
    )

tabs = st.tabs([t(f"kind.{kind}") for kind in Kind])
for tab, kind in zip(tabs, Kind, strict=True):
    with tab:
        total = counts[kind]
        if total == 0:
            st.info(t("data.preview_empty"))
            continue
        preview = frame.fetch(browse.table_preview, kind, frame.version, browse.PREVIEW_ROWS)
        st.dataframe(preview, hide_index=True, key=f"preview_{kind}")
        if total > len(preview):
            caption = t(
                "data.preview_caption",
                shown=format_number(len(preview)),
                total=format_number(total),
                version=frame.version,
            )
        else:
            caption = t("data.preview_all", total=format_number(total), version=frame.version)
        st.caption(caption)

st.subheader(t("data.versions"))
history = frame.fetch(browse.version_table, frame.lang)
if history.empty:
    st.info(t("data.versions_empty"))
else:
    st.dataframe(history, hide_index=True, key="versions")
    st.caption(t("data.versions_caption"))
