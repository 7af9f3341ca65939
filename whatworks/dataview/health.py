"""The Data page's Health tab: coverage per kind at the version shown, and the interventions
without spend or without outcomes (keys ``data_health``, ``data_without_spend``,
``data_without_outcomes``), each with our neutralised CSV (``<key>_csv``). The numbers come
from ``whatworks.dataops.health``."""

from __future__ import annotations

import streamlit as st

from whatworks import dataops, ui
from whatworks.i18n import t


def health_tab(frame: ui.Frame) -> None:
    """The coverage table, then each list of gaps (or that there are none)."""
    health = frame.fetch(dataops.health, frame.version)
    coverage = dataops.health_table(health, frame.lang)
    st.dataframe(coverage, hide_index=True, key="data_health")
    ui.table_download(coverage, key="data_health", file_name="coverage")
    st.caption(t("data.health_caption", version=frame.version))
    st.header(t("data.health_without_spend", count=len(health.without_spend)))
    if health.without_spend:
        table = dataops.gaps_table(health.without_spend, "programme", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_spend")
        ui.table_download(table, key="data_without_spend", file_name="without-spend")
    else:
        st.success(t("data.health_none"))
    st.header(t("data.health_without_outcomes", count=len(health.without_outcomes)))
    if health.without_outcomes:
        table = dataops.gaps_table(health.without_outcomes, "indicator", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_outcomes")
        ui.table_download(table, key="data_without_outcomes", file_name="without-outcomes")
    else:
        st.success(t("data.health_none"))
