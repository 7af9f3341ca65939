"""The Data page's Templates tab: an empty template per kind and the data dictionary, each
as CSV and Excel (keys ``data_template_<kind>_<format>``, ``data_dictionary_<format>``,
``data_dictionary``). The files are made by ``whatworks.templates`` when clicked."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from models import Kind, data_dictionary
from whatworks import dataops, ui
from whatworks.i18n import t
from whatworks.templates import dictionary_bytes, template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = (("csv", "text/csv", "data.format_csv"), ("xlsx", XLSX, "data.format_xlsx"))


def templates_tab(frame: ui.Frame) -> None:
    """A row of downloads per kind, then the dictionary's downloads and the dictionary."""
    st.caption(t("data.templates_help"))
    rows = [
        (dataops.kind_label(kind, frame.lang), kind.value, partial(template_bytes, kind))
        for kind in Kind
    ]
    for title, name, make in rows:
        label, *cells, _ = st.columns([2, 1, 1, 3], vertical_alignment="center")
        label.markdown(f"**{title}**")
        for cell, (fmt, mime, text) in zip(cells, DOWNLOADS, strict=True):
            cell.download_button(
                t(text),
                data=partial(make, fmt),
                file_name=f"{name}_template.{fmt}",
                mime=mime,
                key=f"data_template_{name}_{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )
    st.header(t("data.dictionary_title"))
    st.caption(t("data.dictionary_help"))
    _, *cells, _ = st.columns([2, 1, 1, 3])
    for cell, (fmt, mime, text) in zip(cells, DOWNLOADS, strict=True):
        cell.download_button(
            t(text),
            data=partial(dictionary_bytes, fmt),
            file_name=f"data_dictionary.{fmt}",
            mime=mime,
            key=f"data_dictionary_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
    st.dataframe(pd.DataFrame(data_dictionary()), hide_index=True, key="data_dictionary")
