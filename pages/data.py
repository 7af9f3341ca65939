"""Data: upload and validate files, the loaded tables, versions with restore, data health,
templates and the data dictionary.

Viewers see the tables, versions, health and templates; uploads, mappings and restores need
an analyst (``whatworks.roles``), and ``whatworks.dataops`` refuses a viewer again. Reading,
suggesting and checking happen in ``dataops`` and ``ingest``; this page draws.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from models import Kind, data_dictionary
from whatworks import browse, dataops, ingest, roles, store, ui
from whatworks.i18n import format_number, t
from whatworks.templates import dictionary_bytes, template_bytes

UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls"]
MAPPING_GRID = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

frame = ui.page_frame("data.title")
identity = roles.current()
state = st.session_state
roles.account_banner(identity)


# Option labels name the language: Streamlit may call them outside this script run.
def kind_label(kind: str) -> str:
    return t(f"kind.{kind}", frame.lang)


@st.cache_data(show_spinner=False, max_entries=64)
def parsed_file(data: bytes, name: str, options_key: str, kind: str | None) -> dataops.Parsed:
    return dataops.parse(data, name, dataops.options_from_key(options_key), kind)


@st.cache_data(show_spinner=False, max_entries=64)
def checked_file(
    db: str, generation: str, kind: str, data: bytes, name: str, options_key: str
) -> ingest.Report:
    del generation  # the cache key: a new load changes what the file is checked against
    return dataops.check_file(Path(db), kind, data, name, dataops.options_from_key(options_key))


# --------------------------------------------------------------------------- callbacks


def load_clicked(token: str, kind: str, name: str, data: bytes, options_key: str) -> None:
    try:
        report = dataops.load_file(
            ui.db_path(), roles.actor(), kind, data, name, dataops.options_from_key(options_key)
        )
    except dataops.NotAllowedError:
        state[f"data_refused_{token}"] = True
        return
    state[f"data_result_{token}"] = report
    state[f"data_validated_{token}"] = None  # another load of this file: validate again


def saved_chosen(token: str) -> None:
    name = state[f"data_saved_{token}"]
    found = ingest.saved_mapping(ui.db_path(), name) if name else None
    state[f"data_basemap_{token}"] = found[1].mapping if found else {}
    if found is None:
        return
    state[f"data_kind_{token}"] = found[0]
    inputs = dataops.option_inputs(found[1])
    for part, value in (
        ("skip", inputs.skip_rows),
        ("noheader", inputs.no_header),
        ("years", inputs.years_in_columns),
        ("yearsas", inputs.years_as or "budgeted"),
        ("indcols", inputs.indicators_in_columns),
        ("scale", inputs.scale),
        ("set", inputs.constants),
        ("where", inputs.where),
        ("sum", inputs.sum_lines),
        ("skipmissing", inputs.skip_missing),
    ):
        state[f"data_{part}_{token}"] = value
    if inputs.sheet and inputs.sheet in state.get(f"data_sheets_{token}", []):
        state[f"data_sheet_{token}"] = inputs.sheet


def save_mapping_clicked(token: str, kind: str, options_key: str) -> None:
    name = str(state.get(f"data_mapname_{token}") or "")
    try:
        saved = dataops.save_mapping(
            ui.db_path(), roles.actor(), name, kind, dataops.options_from_key(options_key)
        )
    except (ValueError, dataops.NotAllowedError, store.StoreError) as exc:
        state[f"data_mapmsg_{token}"] = ("error", str(exc))
        return
    state[f"data_mapmsg_{token}"] = ("ok", saved)


def restore_clicked(version: int) -> None:
    state["data_restore_confirm"] = False
    try:
        new = dataops.restore_version(ui.db_path(), roles.actor(), version)
    except (dataops.NotAllowedError, store.StoreError) as exc:
        state["data_restore_result"] = ("error", str(exc))
        return
    state["data_restore_result"] = ("ok", t("data.restored", version=version, new=new))


def restore_version_changed() -> None:
    state["data_restore_confirm"] = False


# --------------------------------------------------------------------------- upload


def target_label(target: str) -> str:
    return t("data.map_ignore", frame.lang) if target == dataops.IGNORE else target


def option_widgets(token: str, kind: Kind, data: bytes, name: str) -> dataops.OptionInputs:
    sheets = dataops.sheet_names(data, name)
    state[f"data_sheets_{token}"] = sheets
    left, middle, right = st.columns(3)
    sheet = None
    if sheets:
        sheet = left.selectbox(
            t("data.opt_sheet"),
            [None, *sheets],
            format_func=lambda s: t("data.opt_sheet_first", frame.lang) if s is None else str(s),
            key=f"data_sheet_{token}",
        )
    skip = left.number_input(
        t("data.opt_skip_rows"),
        min_value=0,
        value=None,
        step=1,
        key=f"data_skip_{token}",
        help=t("data.opt_skip_rows_help"),
    )
    no_header = left.checkbox(
        t("data.opt_no_header"), key=f"data_noheader_{token}", help=t("data.opt_no_header_help")
    )
    skip_missing = left.checkbox(
        t("data.opt_skip_missing"),
        key=f"data_skipmissing_{token}",
        help=t("data.opt_skip_missing_help"),
    )
    years = middle.checkbox(
        t("data.opt_years_in_columns"),
        key=f"data_years_{token}",
        help=t("data.opt_years_in_columns_help"),
        disabled=kind == Kind.indicators,
    )
    years_as = None
    if kind == Kind.budget:
        years_as = middle.selectbox(
            t("data.opt_years_as"),
            ["budgeted", "actual"],
            key=f"data_yearsas_{token}",
            disabled=not years,
        )
    indicators = middle.checkbox(
        t("data.opt_indicators_in_columns"),
        key=f"data_indcols_{token}",
        help=t("data.opt_indicators_in_columns_help"),
        disabled=kind != Kind.outcomes,
    )
    scale = middle.number_input(
        t("data.opt_scale"),
        min_value=0.0,
        value=None,
        format="%g",
        key=f"data_scale_{token}",
        help=t("data.opt_scale_help"),
    )
    sum_lines = middle.checkbox(
        t("data.opt_sum"),
        key=f"data_sum_{token}",
        help=t("data.opt_sum_help"),
        disabled=kind != Kind.budget,
    )
    constants = right.text_area(
        t("data.opt_set"),
        key=f"data_set_{token}",
        placeholder="year=2023",
        help=t("data.opt_set_help"),
    )
    where = right.text_area(
        t("data.opt_where"),
        key=f"data_where_{token}",
        placeholder="type=Outcome\nstatus!=draft",
        help=t("data.opt_where_help"),
    )
    return dataops.OptionInputs(
        sheet=sheet,
        skip_rows=int(skip) if skip is not None else None,
        no_header=no_header,
        years_in_columns=years and kind != Kind.indicators,
        years_as=years_as,
        indicators_in_columns=indicators and kind == Kind.outcomes,
        scale=scale,
        constants=constants,
        where=where,
        sum_lines=sum_lines and kind == Kind.budget,
        skip_missing=skip_missing,
    )


def mapping_widgets(
    token: str, kind: Kind, header: tuple[str, ...], defaults: dict[str, str], signature: str
) -> dict[str, str]:
    targets = dataops.mapping_targets(kind)
    read = sum(1 for h in header if defaults[h] != dataops.IGNORE)
    chosen: dict[str, str] = {}
    title = t("data.mapping", read=read, total=len(header))
    with st.expander(title, expanded=len(header) <= 4 * MAPPING_GRID):
        st.caption(t("data.mapping_help"))
        grid = st.columns(MAPPING_GRID)
        for i, column in enumerate(header):
            default = defaults[column]
            options = targets if default in targets else [default, *targets]
            chosen[column] = grid[i % MAPPING_GRID].selectbox(
                column,
                options,
                index=options.index(default),
                format_func=target_label,
                key=f"data_map_{token}_{signature}_{i}",
            )
    return chosen


def report_block(token: str, name: str, report: ingest.Report) -> None:
    errors = dataops.report_error_count(report)
    if report.ok:
        st.success(
            t("data.report_ok", rows=format_number(report.rows), warnings=len(report.warnings))
        )
    else:
        st.error(t("data.report_errors", errors=format_number(errors)))
    if report.unknown_columns:
        st.caption(t("data.unknown_columns", columns=", ".join(report.unknown_columns)))
    if report.notes:
        st.caption(" · ".join(report.notes))
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


def upload_file(name: str, data: bytes) -> None:
    token = dataops.file_token(name, data)
    st.markdown(f"#### {t('data.file_title', name=name)}")
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
        inputs = option_widgets(token, kind, data, name)
    base, unreadable = dataops.make_options(inputs, state.get(f"data_basemap_{token}", {}))
    if unreadable:
        st.error(t("data.options_unreadable", entries="; ".join(unreadable)))
    base_key = dataops.options_key(base)
    parsed = parsed_file(data, name, base_key, kind.value)
    if parsed.error:
        read_as.error(t("data.unreadable", error=parsed.error))
        return
    db, generation = str(frame.db), str(frame.generation)
    resolved = checked_file(db, generation, kind.value, data, name, base_key).mapping
    defaults = dataops.mapping_defaults(parsed.header, kind, resolved, base.mapping)
    signature = dataops.file_token(kind.value, base_key.encode("utf-8"))[:8]
    chosen = mapping_widgets(token, kind, parsed.header, defaults, signature)
    conflicts = dataops.mapping_conflicts(chosen, kind)
    for target, headers in conflicts.items():
        st.error(t("data.mapping_conflict", column=target, headers=", ".join(headers)))
    options = dataops.with_mapping(base, dataops.mapping_overrides(chosen, resolved))
    key = dataops.options_key(options)
    report = checked_file(db, generation, kind.value, data, name, key)
    with read_as:
        st.caption(dataops.dialect_line(parsed, report.dialect.get("decimal"), frame.lang))
        if parsed.notes:
            st.caption(" · ".join(parsed.notes))
        st.dataframe(parsed.rows, key=f"data_preview_{token}")
        shown, total = len(parsed.rows), format_number(parsed.total_rows)
        st.caption(t("data.preview_parsed", shown=shown, total=total))

    blocked = bool(conflicts or unreadable)
    validate_col, load_col, _ = st.columns([1, 1, 3])
    if validate_col.button(
        t("data.validate"), key=f"data_validate_{token}", disabled=blocked, icon=":material/rule:"
    ):
        state[f"data_validated_{token}"] = key
    validated = state.get(f"data_validated_{token}") == key
    load_col.button(
        t("data.load"),
        key=f"data_load_{token}",
        disabled=not (validated and report.ok) or blocked,
        type="primary",
        on_click=load_clicked,
        args=(token, kind.value, name, data, key),
        icon=":material/upload:",
    )
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
        report_block(token, name, result)
    if validated:
        report_block(token, name, report)
    elif state.get(f"data_validated_{token}"):
        st.warning(t("data.revalidate"))
    elif result is None:
        st.caption(t("data.validate_first"))

    with st.expander(t("data.save_mapping_title")):
        st.text_input(t("data.mapping_name"), key=f"data_mapname_{token}", max_chars=100)
        st.button(
            t("data.save_mapping"),
            key=f"data_savemap_{token}",
            on_click=save_mapping_clicked,
            args=(token, kind.value, key),
        )
        message = state.get(f"data_mapmsg_{token}")
        if message and message[0] == "ok":
            st.success(t("data.mapping_saved", name=message[1]))
        elif message:
            st.error(message[1])


def upload_tab() -> None:
    if not roles.analyst_gate(identity):
        return
    st.caption(t("data.upload_help"))
    files = st.file_uploader(
        t("data.upload"), type=UPLOAD_TYPES, accept_multiple_files=True, key="data_upload"
    )
    for upload in files or []:
        with st.container(border=True):
            upload_file(upload.name, upload.getvalue())


# --------------------------------------------------------------------------- the other tabs


def tables_tab() -> None:
    counts = frame.fetch(browse.table_counts, frame.version)
    for column, kind in zip(st.columns(len(Kind)), Kind, strict=True):
        column.metric(
            kind_label(kind),
            format_number(counts[kind], decimals=0),
            help=t("data.rows_help", version=frame.version),
        )
    for tab, kind in zip(st.tabs([kind_label(k) for k in Kind]), Kind, strict=True):
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


def versions_tab() -> None:
    history = frame.fetch(browse.version_table, frame.lang)
    if history.empty:
        st.info(t("data.versions_empty"))
        return
    restored = t("col.restored_from")
    history[restored] = history[restored].astype(object).where(history[restored].notna(), "")
    st.dataframe(history, hide_index=True, key="versions")
    st.caption(t("data.versions_caption"))
    ids = frame.fetch(dataops.version_ids)
    labels = frame.fetch(dataops.version_labels, frame.lang)
    version_label = labels.__getitem__
    st.subheader(t("data.diff_title"))
    chosen = st.columns([1, 2])[0].selectbox(
        t("data.diff_version"), ids, format_func=version_label, key="data_diff_version"
    )
    diff = frame.fetch(dataops.version_diff, int(chosen))
    columns = ("rows_before", "added", "removed", "rows_after")
    st.dataframe(dataops.changes_table(diff, columns, frame.lang), hide_index=True, key="data_diff")
    st.caption(t("data.diff_caption", version=chosen, before=int(chosen) - 1))

    st.subheader(t("data.restore_title"))
    result = state.pop("data_restore_result", None)
    if result and result[0] == "ok":
        st.success(result[1])
    elif result:
        st.error(result[1])
    if not roles.analyst_gate(identity):
        return
    candidates = [v for v in ids if v != frame.latest]
    if not candidates:
        st.info(t("data.restore_none"))
        return
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


def health_tab() -> None:
    health = frame.fetch(dataops.health, frame.version)
    st.dataframe(dataops.health_table(health, frame.lang), hide_index=True, key="data_health")
    st.caption(t("data.health_caption", version=frame.version))
    st.subheader(t("data.health_without_spend", count=len(health.without_spend)))
    if health.without_spend:
        table = dataops.gaps_table(health.without_spend, "programme", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_spend")
    else:
        st.success(t("data.health_none"))
    st.subheader(t("data.health_without_outcomes", count=len(health.without_outcomes)))
    if health.without_outcomes:
        table = dataops.gaps_table(health.without_outcomes, "indicator", frame.lang)
        st.dataframe(table, hide_index=True, key="data_without_outcomes")
    else:
        st.success(t("data.health_none"))


DOWNLOADS = (("csv", "text/csv", "data.format_csv"), ("xlsx", XLSX, "data.format_xlsx"))


def templates_tab() -> None:
    st.caption(t("data.templates_help"))
    rows = [(kind_label(kind), kind.value, partial(template_bytes, kind)) for kind in Kind]
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
    st.subheader(t("data.dictionary_title"))
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
    upload_tab()
with tables:
    tables_tab()
with versions:
    versions_tab()
with health:
    health_tab()
with templates:
    templates_tab()
