"""Benchmark: placeholder until the view lands (replaced in this change)."""

import streamlit as st

from whatworks import ui
from whatworks.i18n import t

frame = ui.page_frame("nav.benchmark")
st.info(t("page.not_ready"))
