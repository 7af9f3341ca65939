"""Data: upload and validate files, the loaded tables, versions with restore, data health,
templates and the data dictionary.

Viewers see the tables, versions, health and templates; uploads, mappings and restores need
an analyst (``whatworks.roles``), and ``whatworks.dataops`` refuses a viewer again. Reading,
suggesting and checking happen in ``dataops`` and ``ingest``; each tab is drawn by
``whatworks.dataview``; this page lays the tabs out.
"""

from __future__ import annotations

import streamlit as st

from whatworks import dataview, roles, ui
from whatworks.i18n import t

frame = ui.page_frame("data.title", edits=True)
identity = roles.current()
roles.account_banner(identity)

upload, tables, versions, health, templates = st.tabs(
    [
        t("data.tab_upload"),
        t("data.tables"),
        t("data.versions"),
        t("data.tab_health"),
        t("data.tab_templates"),
    ]
)
with upload:
    dataview.upload_tab(frame, identity)
with tables:
    dataview.tables_tab(frame)
with versions:
    dataview.versions_tab(frame, identity)
with health:
    dataview.health_tab(frame)
with templates:
    dataview.templates_tab(frame)
