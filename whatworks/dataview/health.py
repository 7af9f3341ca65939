"""The Data page's Health tab: coverage per kind at the version shown, and the interventions
without spend or without outcomes (keys ``data_health``, ``data_without_spend``,
``data_without_outcomes``). The numbers come from ``whatworks.dataops.health``."""

from __future__ import annotations

import streamlit as st

from whatworks import dataops, ui
from whatworks.i18n import t


def health_tab(frame: ui.Frame) -> None:
    """The coverage table, then each list of gaps (or that there are none)."""
    health = frame.fetch(dataops.health, frame.version)
    st.dataframe(dataops.health_table(health, frame.lang), hide_index=True, key="data_health")
    st.caption(t("data.health_caption", version=frame.version))
    st.header(t("data.health_without_spend", count=len(health.without_spend)))
    if health.without_spend:
        table = dataops.gaps_table(health.without_spend, "programme", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_spend")
    else:
        st.success(t("data.health_none"))
    st.header(t("data.health_without_outcomes", count=len(health.without_outcomes)))
    if health.without_outcomes:
        table = dataops.gaps_table(health.without_outcomes, "indicator", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_outcomes")
    else:
        st.success(t("data.health_none"))
