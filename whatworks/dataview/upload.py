"""The Data page's Upload tab: files in, read as the validator reads them, mapped, validated,
loaded (analysts only), the report, and a mapping saved for the next upload.

Reading, suggesting and checking happen in ``whatworks.dataops`` and ``whatworks.ingest``
(cached here per file and options); the option and mapping widgets are in
:mod:`whatworks.dataview.options`. Keys: ``data_upload``, and per file token
``data_kind_``, ``data_saved_``, ``data_preview_``, ``data_validate_``, ``data_load_``,
``data_report_``, ``data_report_csv_``, ``data_mapname_``, ``data_savemap_``,
``data_replaces_`` (the load preview), ``data_confirm_`` (a load removing most of a year).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from models import Kind
from whatworks import dataops, ingest, plain, roles, store, ui
from whatworks.dataops.report import notes_text, report_notes
from whatworks.dataview.options import mapping_widgets, option_widgets, saved_chosen
from whatworks.i18n import format_number, t

UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls"]

state = st.session_state


@st.cache_data(show_spinner=False, max_entries=64)
def parsed_file(data: bytes, name: str, options_key: str, kind: str | None) -> dataops.Parsed:
    return dataops.parse(data, name, dataops.options_from_key(options_key), kind)


@st.cache_data(show_spinner=False, max_entries=64)
def checked_file(
    db: str, generation: str, kind: str, data: bytes, name: str, options_key: str
) -> ingest.Report:
    del generation  # the cache key: a new load changes what the file is checked against
    return dataops.check_file(Path(db), kind, data, name, dataops.options_from_key(options_key))


def load_clicked(token: str, kind: str, name: str, data: bytes, options_key: str) -> None:
    try:
        report = dataops.load_file(
            ui.db_path(),
            roles.actor(),
            kind,
            data,
            name,
            dataops.options_from_key(options_key),
            confirmed=bool(state.get(f"data_confirm_{token}")),
        )
    except dataops.NotAllowedError:
        state[f"data_refused_{token}"] = True
        return
    state[f"data_result_{token}"] = report
    state[f"data_validated_{token}"] = None  # another load of this file: validate again


def save_mapping_clicked(token: str, kind: str, options_key: str) -> None:
    name = str(state.get(f"data_mapname_{token}") or "")
    try:
        saved = dataops.save_mapping(
            ui.db_path(), roles.actor(), name, kind, dataops.options_from_key(options_key)
        )
    except store.StoreError as exc:
        state[f"data_mapmsg_{token}"] = ("error", exc.text())
        return
    except (ValueError, dataops.NotAllowedError) as exc:
        state[f"data_mapmsg_{token}"] = ("error", str(exc))
        return
    state[f"data_mapmsg_{token}"] = ("ok", saved)


def upload_tab(frame: ui.Frame, identity: roles.Identity) -> None:
    """The tab: the uploader (analysts only) and a bordered block per uploaded file."""
    if not roles.analyst_gate(identity):
        return
    st.caption(t("data.upload_help"))
    files = st.file_uploader(
        t("data.upload"), type=UPLOAD_TYPES, accept_multiple_files=True, key="data_upload"
    )
    # Streamlit's own limit line is English and hidden (whatworks.chrome): ours instead.
    limit = int(st.get_option("server.maxUploadSize"))
    types = ", ".join(kind.upper() for kind in UPLOAD_TYPES)
    st.caption(t("chrome.upload_limit", limit=format_number(limit), types=types))
    for upload in files or []:
        with st.container(border=True):
            upload_file(frame, upload.name, upload.getvalue())


def upload_file(frame: ui.Frame, name: str, data: bytes) -> None:
    """One file: its kind, options, preview, mapping, validation, load and saved mapping."""
    token = dataops.file_token(name, data)
    kind_label = partial(dataops.kind_label, lang=frame.lang)
    st.markdown(f"#### {plain.say('data.file_title', name=name)}")
    first = parsed_file(data, name, dataops.options_key(ingest.LoadOptions()), None)
    guess = dataops.guess_kind(first.header, name)
    state.setdefault(f"data_kind_{token}", guess.value)
    left, right = st.columns(2)
    kind = Kind(
        left.selectbox(
            t("data.kind"),
            [k.value for k in Kind],
            format_func=kind_label,
            key=f"data_kind_{token}",
            help=t("data.kind_help", kind=kind_label(guess.value)),
        )
    )
    saved = {m.name: m.kind.value for m in frame.fetch(dataops.saved_mappings)}
    right.selectbox(
        t("data.saved_mapping"),
        [None, *saved],
        format_func=lambda n: (
            t("data.saved_none", frame.lang) if n is None else f"{n} ({kind_label(saved[n])})"
        ),
        key=f"data_saved_{token}",
        on_change=saved_chosen,
        args=(token,),
        help=t("data.saved_mapping_help"),
    )
    read_as = st.container()  # filled below: how the file was read depends on the options
    with st.expander(t("data.options")):
        inputs = option_widgets(token, kind, data, name, frame.lang)
    base, unreadable = dataops.make_options(inputs, state.get(f"data_basemap_{token}", {}))
    if unreadable:
        st.error(plain.say("data.options_unreadable", entries="; ".join(unreadable)))
    base_key = dataops.options_key(base)
    parsed = parsed_file(data, name, base_key, kind.value)
    if parsed.error:
        read_as.error(plain.say("data.unreadable", error=parsed.error.text(frame.lang)))
        return
    db, generation = str(frame.db), str(frame.generation)
    resolved = checked_file(db, generation, kind.value, data, name, base_key).mapping
    defaults = dataops.mapping_defaults(parsed.header, kind, resolved, base.mapping)
    signature = dataops.file_token(kind.value, base_key.encode("utf-8"))[:8]
    chosen = mapping_widgets(token, kind, parsed.header, defaults, signature, frame.lang)
    conflicts = dataops.mapping_conflicts(chosen, kind)
    for target, headers in conflicts.items():
        st.error(plain.say("data.mapping_conflict", column=target, headers=", ".join(headers)))
    options = dataops.with_mapping(base, dataops.mapping_overrides(chosen, resolved))
    key = dataops.options_key(options)
    report = checked_file(db, generation, kind.value, data, name, key)
    with read_as:
        # dialect_line is Markdown: each value from the file sits in a code span.
        st.caption(dataops.dialect_line(parsed, report.dialect.get("decimal"), frame.lang))
        if parsed.notes:
            # The preview's notes, said in the page's language.
            notes = notes_text(parsed.notes, frame.lang)
            st.caption(" · ".join(plain.markdown(n) for n in notes))
        st.dataframe(parsed.rows, key=f"data_preview_{token}")
        shown, total = len(parsed.rows), format_number(parsed.total_rows)
        st.caption(t("data.preview_parsed", shown=shown, total=total))

    blocked = bool(conflicts or unreadable)
    replaces = st.container()  # what the load replaces: shown once the file is validated
    validate_col, load_col, _ = st.columns([1, 1, 3])
    if validate_col.button(
        t("data.validate"), key=f"data_validate_{token}", disabled=blocked, icon=":material/rule:"
    ):
        state[f"data_validated_{token}"] = key
    validated = state.get(f"data_validated_{token}") == key
    unconfirmed = False
    if validated and report.ok and report.preview:
        with replaces:
            unconfirmed = not replaces_block(frame, token, report)
    load_col.button(
        t("data.load"),
        key=f"data_load_{token}",
        disabled=not (validated and report.ok) or blocked or unconfirmed,
        type="primary",
        on_click=load_clicked,
        args=(token, kind.value, name, data, key),
        icon=":material/upload:",
    )
    outcome(frame, token, name, report, validated=validated)
    save_mapping_block(token, kind, key)


def replaces_block(frame: ui.Frame, token: str, report: ingest.Report) -> bool:
    """The load preview; whether the load may go ahead (confirmed when it removes most of a
    year's money)."""
    st.markdown(f"**{t('data.replaces_title')}**")
    st.dataframe(
        dataops.preview_table(report, frame.lang), hide_index=True, key=f"data_replaces_{token}"
    )
    if not report.needs_confirmation:
        return True
    years = [f"{p['municipality']} {p['period']}" for p in report.preview if p["removes_most"]]
    st.warning(t("data.replaces_most", years=", ".join(years)))
    return bool(st.checkbox(t("data.confirm_replace"), key=f"data_confirm_{token}"))


def outcome(
    frame: ui.Frame, token: str, name: str, report: ingest.Report, *, validated: bool
) -> None:
    """What came of the last load of this file, then the report of this validation."""
    result: ingest.Report | None = state.get(f"data_result_{token}")
    if state.pop(f"data_refused_{token}", False):
        st.error(t("roles.refused"))
    if result is not None and result.version is not None:
        st.success(
            t(
                "data.loaded",
                version=result.version,
                inserted=format_number(result.inserted),
                replaced=format_number(result.replaced),
            )
        )
    elif result is not None:
        st.error(t("data.load_failed"))
        report_block(frame, token, name, result)
    if validated:
        report_block(frame, token, name, report)
    elif state.get(f"data_validated_{token}"):
        st.warning(t("data.revalidate"))
    elif result is None:
        st.caption(t("data.validate_first"))


def report_block(frame: ui.Frame, token: str, name: str, report: ingest.Report) -> None:
    """A validation report: the verdict, its problems as a table and as a CSV download."""
    errors = dataops.report_error_count(report)
    if report.ok:
        st.success(
            t("data.report_ok", rows=format_number(report.rows), warnings=len(report.warnings))
        )
    else:
        st.error(t("data.report_errors", errors=format_number(errors)))
    if report.unknown_columns:
        st.caption(plain.say("data.unknown_columns", columns=", ".join(report.unknown_columns)))
    if report.notes:
        st.caption(" · ".join(plain.markdown(n) for n in report_notes(report, frame.lang)))
    if not report.errors and not report.warnings:
        return
    table = dataops.report_table(report, frame.lang)
    st.dataframe(table, hide_index=True, key=f"data_report_{token}")
    if errors > len(report.errors):
        st.caption(t("data.report_truncated", shown=len(report.errors), total=errors))
    st.download_button(
        t("data.report_download"),
        data=partial(dataops.report_csv, report, frame.lang),
        file_name=f"{Path(name).stem}-report.csv",
        mime="text/csv",
        key=f"data_report_csv_{token}",
        on_click="ignore",
        icon=":material/download:",
    )


def save_mapping_block(token: str, kind: Kind, options_key: str) -> None:
    """Save this file's mapping and options under a name, and what came of the last save."""
    with st.expander(t("data.save_mapping_title")):
        st.text_input(t("data.mapping_name"), key=f"data_mapname_{token}", max_chars=100)
        st.button(
            t("data.save_mapping"),
            key=f"data_savemap_{token}",
            on_click=save_mapping_clicked,
            args=(token, kind.value, options_key),
        )
        message = state.get(f"data_mapmsg_{token}")
        if message and message[0] == "ok":
            st.success(plain.say("data.mapping_saved", name=message[1]))
        elif message:
            st.error(plain.markdown(message[1]))
