"""What works: the router. Page config and navigation only.

Every page builds its own frame, menu included (``whatworks.ui.page_frame``), so a page file
also runs correctly on its own (as AppTest runs it). The views live in ``views/``: a folder
named ``pages/`` beside this script would switch on Streamlit's legacy folder navigation for
a fresh server's first deep link (see ``whatworks/ui.py``).
"""

# Imported here, once, before any session thread builds a table or a figure: importing them
# for the first time from several threads at once once failed on a half-imported module.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

from whatworks import ui
from whatworks.i18n import t

lang = ui.language()
st.set_page_config(page_title=t("app.title", lang), page_icon=ui.PAGE_ICON, layout="wide")
pages = [
    st.Page(
        ui.ROOT / spec.path,
        title=t(spec.title_key, lang),
        icon=spec.icon,
        url_path=spec.url_path,
        default=position == 0,
    )
    for position, spec in enumerate(ui.PAGES)
]
# The menu is drawn by ui.page_frame on every page, so it is the same on every path.
st.navigation(pages, position="hidden").run()
