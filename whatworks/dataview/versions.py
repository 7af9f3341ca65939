"""The Data page's Versions tab: every version (empty cells blank), what a chosen version
changed, and restoring an earlier version after a confirmation (analysts only).

Keys: ``versions``, ``data_diff_version``, ``data_diff``, ``data_restore_version``,
``data_restore_preview``, ``data_restore_confirm``, ``data_restore``. When the data changes
(a load or a restore), ``data_diff_version`` goes back to the newest version.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from whatworks import dataops, plain, roles, store, ui
from whatworks.i18n import format_number, t

DIFF_KEY = "data_diff_version"
DIFF_LATEST = "data_diff_latest"  # the newest version when the diff choice was last reset

state = st.session_state


def restore_clicked(version: int) -> None:
    state["data_restore_confirm"] = False
    try:
        new = dataops.restore_version(ui.db_path(), roles.actor(), version)
    except store.StoreError as exc:
        state["data_restore_result"] = ("error", exc.text())
        return
    except dataops.NotAllowedError as exc:
        state["data_restore_result"] = ("error", str(exc))
        return
    state["data_restore_result"] = ("ok", t("data.restored", version=version, new=new))


def restore_version_changed() -> None:
    state["data_restore_confirm"] = False


def versions_tab(frame: ui.Frame, identity: roles.Identity) -> None:
    """The versions table, the diff of a chosen version, then the restore."""
    history = frame.fetch(dataops.version_history, frame.lang)
    if history.empty:
        st.info(t("data.versions_empty"))
        return
    st.dataframe(history, hide_index=True, key="versions")
    ui.table_download(history, key="versions", file_name="versions")
    st.caption(t("data.versions_caption"))
    ids = frame.fetch(dataops.version_ids)
    labels = frame.fetch(dataops.version_labels, frame.lang)
    version_label = labels.__getitem__
    st.header(t("data.diff_title"))
    if state.get(DIFF_LATEST, frame.latest) != frame.latest:
        state[DIFF_KEY] = ids[0]  # new data: show what the newest version changed
    state[DIFF_LATEST] = frame.latest
    chosen = st.columns([1, 2])[0].selectbox(
        t("data.diff_version"), ids, format_func=version_label, key=DIFF_KEY
    )
    diff = frame.fetch(dataops.version_diff, int(chosen))
    columns = ("rows_before", "added", "removed", "rows_after")
    changes = dataops.changes_table(diff, columns, frame.lang)
    st.dataframe(changes, hide_index=True, key="data_diff")
    ui.table_download(changes, key="data_diff", file_name=f"changes-version-{int(chosen)}")
    st.caption(t("data.diff_caption", version=chosen, before=int(chosen) - 1))

    st.header(t("data.restore_title"))
    result = state.pop("data_restore_result", None)
    if result and result[0] == "ok":
        st.success(plain.markdown(result[1]))
    elif result:
        st.error(plain.markdown(result[1]))
    if not roles.analyst_gate(identity):
        return
    candidates = [v for v in ids if v != frame.latest]
    if not candidates:
        st.info(t("data.restore_none"))
        return
    restore_form(frame, candidates, version_label)


def restore_form(
    frame: ui.Frame, candidates: list[int], version_label: Callable[[int], str]
) -> None:
    """Choose a version, see what restoring it would do, confirm, restore."""
    st.caption(t("data.restore_help"))
    version = int(
        st.columns([1, 2])[0].selectbox(
            t("data.restore_version"),
            candidates,
            format_func=version_label,
            key="data_restore_version",
            on_change=restore_version_changed,
        )
    )
    preview = frame.fetch(dataops.restore_preview, version)
    columns = ("rows_now", "closed", "reopened", "rows_then")
    st.dataframe(
        dataops.changes_table(preview, columns, frame.lang),
        hide_index=True,
        key="data_restore_preview",
    )
    confirmed = st.checkbox(
        t(
            "data.restore_confirm",
            version=version,
            new=frame.latest + 1,
            closed=format_number(sum(c.closed for c in preview)),
            reopened=format_number(sum(c.reopened for c in preview)),
        ),
        key="data_restore_confirm",
    )
    st.button(
        t("data.restore", version=version),
        key="data_restore",
        disabled=not confirmed,
        type="primary",
        on_click=restore_clicked,
        args=(version,),
        icon=":material/history:",
    )
