"""Spend vs effect: every intervention's spend beside its standardised measured effect."""

from typing import Any

import streamlit as st

from whatworks import analytics, downloads, narrative, plain, tables, ui, widgets
from whatworks.analytics import suggestions
from whatworks.charts import effects as charts
from whatworks.charts import ticks
from whatworks.i18n import t

frame = ui.page_frame("nav.spend_vs_effect", filters=("year", "programme", "municipality", "stage"))
year, lang, filters = frame.filters.year, frame.lang, frame.filters
if year is None:
    st.info(t("effects.no_year"))
    st.stop()
everything = widgets.fetch_in_one_currency(
    frame,
    analytics.intervention_figures,
    "sve_currency",
    year=year,
    municipality=filters.municipality,
    version=frame.version,
)
figures = charts.in_filters(everything, programme=filters.programme, stage=filters.stage)
if not figures:
    st.info(t("sve.no_interventions", year=year))
    st.stop()


def open_intervention(intervention_id: str) -> None:
    """Show one intervention on its own view (the choice is kept in the link)."""
    chosen = ui.current_filters().with_(intervention=intervention_id)
    ui.set_filters(chosen)
    st.switch_page("views/intervention.py", query_params=chosen.to_params())


st.markdown(plain.markdown(narrative.chart_sentence(figures, year)))
median = suggestions.median_spend([f for f in figures if suggestions.placed(f)])
st.caption(narrative.quadrant_caption(median, figures[0].currency))
chart = widgets.plotly_chart(
    ticks.localise_percent_axes(charts.spend_vs_effect(figures, lang), lang),
    key="sve_chart",
    on_select="rerun",
    selection_mode="points",
    alt=t("nav.spend_vs_effect"),
)
points = chart["selection"]["points"]
if points and points[0].get("customdata"):
    open_intervention(str(points[0]["customdata"][0]))

st.header(t("sve.table", year=year))
st.caption(t("sve.table_help"))
numbers, kinds = charts.spend_vs_effect_table(figures, lang)
# Ordered here, by the numbers: the browser's header sort compares the formatted text.
headers = dict(zip(charts.TABLE_KINDS, numbers.columns, strict=True))
by_key = {key: kinds[header] for key, header in headers.items()}
choices = tables.orders(by_key)
order = st.selectbox(
    t("sve.order"),
    choices,
    index=choices.index("spend:high"),
    format_func=lambda o: t(
        f"sve.order_{o.rpartition(':')[2]}", column=headers[o.rpartition(":")[0]]
    ),
    key="sve_order",
)
numbers = tables.ordered(
    numbers.rename(columns={h: k for k, h in headers.items()}), order, by_key
).rename(columns=headers)
# Written by our locale functions, as the other views write them (not the browser's formats).
table = tables.spend_vs_effect(numbers, kinds, figures[0].currency, lang)
config: dict[str, Any] = {
    t("sve.col_strength"): st.column_config.TextColumn(help=t("strength.help"))
}
picked = st.dataframe(
    table,
    hide_index=True,
    column_config=config,
    placeholder="–",
    on_select="rerun",
    selection_mode="single-row",
    key="sve_table",
)
rows = picked["selection"]["rows"]
if rows:
    open_intervention(str(table.index[rows[0]]))

names = {f.intervention_id: f.name or f.intervention_id for f in figures}
choice = st.selectbox(
    t("sve.open"),
    list(names),
    index=None,
    format_func=names.__getitem__,
    placeholder=t("sve.open_placeholder"),
    key="sve_open",
)
if choice:
    open_intervention(choice)

downloads.view_downloads(frame, "spend_vs_effect", currency=figures[0].currency)
