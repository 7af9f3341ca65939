"""Programmes: budget against actual per programme and year, shares of spend over the years,
and one programme's interventions with a way into the Intervention view."""

import streamlit as st

from whatworks import analytics, downloads, plain, widgets
from whatworks.analytics import programmes
from whatworks.charts import programmes as charts
from whatworks.charts.portfolio import class_styler, money_cell
from whatworks.i18n import t
from whatworks.ui import page_frame

frame = page_frame("prog.title", filters=("year", "municipality"))
lang, year = frame.lang, frame.filters.year
where = frame.filters.municipality
view = frame.fetch(programmes.programmes_view, version=frame.version, municipality=where)
if len(view.currencies) > 1:
    chosen = st.selectbox(t("widgets.currency"), view.currencies, key="prog_currency")
    view = frame.fetch(
        programmes.programmes_view, version=frame.version, municipality=where, currency=chosen
    )
total = view.total(year) if year is not None else None
if year is None or total is None or total.actual is None:
    st.info(plain.say("prog.no_data", year=year or "", municipality=view.municipality or ""))
    st.stop()

for sentence in charts.summary(view, year, lang):
    st.markdown(sentence)

st.header(t("prog.budget_vs_actual", year=year))
widgets.chart_and_table(
    charts.budget_actual_figure(view, year, lang),
    charts.budget_actual_table(view, [year], lang),
    key="prog_budget",
)
with st.expander(t("prog.all_years")):
    all_years = charts.budget_actual_table(view, list(reversed(view.years)), lang)
    st.dataframe(all_years, hide_index=True, key="prog_years_table")

st.header(t("prog.shares"))
st.caption(t("prog.shares_caption"))
widgets.chart_and_table(
    charts.share_figure(view, lang), charts.share_table(view, lang), key="prog_share"
)

st.header(t("prog.drill"))
options = list(view.programmes)
st.session_state["prog_programme"] = (
    frame.filters.programme if frame.filters.programme in options else options[0]
)
programme = st.selectbox(
    t("prog.drill_programme"),
    options,
    key="prog_programme",
    on_change=widgets.set_shared_filter,
    args=("programme", "prog_programme"),
)
detail = frame.fetch(
    programmes.programme_interventions,
    programme=programme,
    year=year,
    version=frame.version,
    municipality=where,
    currency=view.currency,
)
if not detail.interventions:
    st.info(plain.say("prog.no_interventions", programme=programme))
else:
    found = frame.fetch(analytics.effects, version=frame.version, municipality=where)
    strengths = {e.intervention_id: e.strength for e in found}
    table = charts.interventions_table(detail, lang, strengths)
    styled = class_styler(table, t("prog.col.effect_class", lang), lang)
    st.dataframe(styled, hide_index=True, key="prog_interventions_table")
if detail.unattributed_actual:
    amount = money_cell(detail.unattributed_actual, detail.currency, lang)
    st.caption(t("prog.unattributed", amount=amount, year=year))
if detail.interventions:
    names = {i.intervention_id: i.name or i.intervention_id for i in detail.interventions}
    pick, go = st.columns([3, 1], vertical_alignment="bottom")
    iid = pick.selectbox(
        t("prog.open_label"),
        list(names),
        format_func=lambda i: f"{i} · {names[i]}",
        key="prog_intervention",
    )
    if go.button(t("prog.open"), key="prog_open"):
        params = {**frame.filters.to_params(), "intervention": iid}
        st.switch_page("views/intervention.py", query_params=params)

downloads.view_downloads(frame, "programmes", programme=programme, currency=view.currency)
