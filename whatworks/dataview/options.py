"""The Data page's widgets for reading one uploaded file: the import options, the column
mapping, and filling both from a saved mapping (a callback).

Every widget is keyed by the file's token (``dataops.file_token``): ``data_sheet_<token>``,
``data_skip_<token>``, ``data_noheader_<token>``, ``data_skipmissing_<token>``,
``data_years_<token>``, ``data_yearsas_<token>``, ``data_indcols_<token>``,
``data_scale_<token>``, ``data_sum_<token>``, ``data_set_<token>``, ``data_where_<token>``,
``data_headerrows_<token>``, ``data_delim_<token>``, ``data_enc_<token>``,
``data_decimal_<token>``, ``data_keeptotals_<token>``, ``data_recode_<token>``,
``data_missing_<token>``, ``data_filldown_<token>`` and
``data_map_<token>_<signature>_<i>``. The values are turned into load options by
``whatworks.dataops``; nothing here reads a file.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from models import AMOUNTS, Kind
from whatworks import dataops, ingest, plain, ui
from whatworks.i18n import t

MAPPING_GRID = 4

state = st.session_state


def saved_chosen(token: str) -> None:
    """Callback of ``data_saved_<token>``: the saved mapping's kind and options, and its
    column mapping as the base the widgets start from."""
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
        ("yearsas", inputs.years_as or AMOUNTS[0]),
        ("indcols", inputs.indicators_in_columns),
        ("scale", inputs.scale),
        ("set", inputs.constants),
        ("where", inputs.where),
        ("sum", inputs.sum_lines),
        ("skipmissing", inputs.skip_missing),
        ("delim", inputs.delimiter),
        ("enc", inputs.encoding),
        ("decimal", inputs.decimal),
        ("headerrows", inputs.header_rows),
        ("keeptotals", inputs.keep_totals),
        ("recode", inputs.recode),
        ("missing", inputs.missing),
        ("filldown", inputs.fill_down),
    ):
        state[f"data_{part}_{token}"] = value
    if inputs.sheet and inputs.sheet in state.get(f"data_sheets_{token}", []):
        state[f"data_sheet_{token}"] = inputs.sheet


# Option labels name the language: Streamlit may call them outside this script run.
def target_label(target: str, lang: str) -> str:
    return t("data.map_ignore", lang) if target == dataops.IGNORE else target


def sheet_label(sheet: str | None, lang: str) -> str:
    return t("data.opt_sheet_first", lang) if sheet is None else str(sheet)


def decimal_label(sign: str | None, lang: str) -> str:
    return t("data.opt_decimal_detect", lang) if sign is None else f"'{sign}'"


def option_widgets(
    token: str, kind: Kind, data: bytes, name: str, lang: str
) -> dataops.OptionInputs:
    """The import options of one file, as the widgets hold them."""
    sheets = dataops.sheet_names(data, name)
    state[f"data_sheets_{token}"] = sheets
    left, middle, right = st.columns(3)
    sheet = None
    if sheets:
        sheet = left.selectbox(
            t("data.opt_sheet"),
            [None, *sheets],
            format_func=partial(sheet_label, lang=lang),
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
    header_rows = left.number_input(
        t("data.opt_header_rows"),
        min_value=1,
        value=None,
        step=1,
        key=f"data_headerrows_{token}",
        help=t("data.opt_header_rows_help"),
    )
    delimiter = left.text_input(
        t("data.opt_delimiter"), key=f"data_delim_{token}", help=t("data.opt_delimiter_help")
    )
    encoding = left.text_input(
        t("data.opt_encoding"), key=f"data_enc_{token}", help=t("data.opt_encoding_help")
    )
    decimal = left.selectbox(
        t("data.opt_decimal"),
        [None, ",", "."],
        format_func=partial(decimal_label, lang=lang),
        key=f"data_decimal_{token}",
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
            list(AMOUNTS),
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
    keep_totals = middle.checkbox(
        t("data.opt_keep_totals"),
        key=f"data_keeptotals_{token}",
        help=t("data.opt_keep_totals_help"),
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
    recode = right.text_area(
        t("data.opt_recode"),
        key=f"data_recode_{token}",
        placeholder="polarity:desc=false\nproject:00000=",
        help=t("data.opt_recode_help"),
    )
    missing = right.text_area(
        t("data.opt_missing"),
        key=f"data_missing_{token}",
        placeholder="pm\nn.v.t.",
        help=t("data.opt_missing_help"),
    )
    fill_down = right.text_area(
        t("data.opt_fill_down"), key=f"data_filldown_{token}", help=t("data.opt_fill_down_help")
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
        delimiter=delimiter,
        encoding=encoding,
        decimal=decimal,
        header_rows=int(header_rows) if header_rows is not None else None,
        keep_totals=keep_totals,
        recode=recode,
        missing=missing,
        fill_down=fill_down,
    )


def mapping_widgets(
    token: str,
    kind: Kind,
    header: tuple[str, ...],
    defaults: dict[str, str],
    signature: str,
    lang: str,
) -> dict[str, str]:
    """A contract column (or none) chosen for every file column, starting at ``defaults``."""
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
                plain.markdown(column),
                options,
                index=options.index(default),
                format_func=partial(target_label, lang=lang),
                key=f"data_map_{token}_{signature}_{i}",
            )
    return chosen
