"""Intervention: one intervention's spend, its indicator over time and how its effect was made."""

import streamlit as st

from whatworks import analytics, downloads, narrative, plain, ui, widgets
from whatworks.charts import effects as charts
from whatworks.i18n import t

KEY = "ww_intervention"

frame = ui.page_frame("nav.intervention", filters=("year", "municipality"))
year, lang, filters = frame.filters.year, frame.lang, frame.filters
version, municipality = frame.version, filters.municipality
register = {
    e.intervention_id: e
    for e in frame.fetch(analytics.effects, version=version, municipality=municipality)
}
if not register:
    st.info(t("intervention.empty_register"))
    st.stop()


def choose() -> None:
    ui.set_filters(ui.current_filters().with_(intervention=st.session_state[KEY]))


chosen = filters.intervention if filters.intervention in register else None
if filters.intervention is not None and chosen is None:
    st.warning(
        plain.markdown(t("intervention.unknown", id=filters.intervention)),
        icon=":material/link_off:",
    )
st.session_state[KEY] = chosen  # re-saved every run: the Filters are the truth
st.selectbox(
    t("intervention.choose"),
    sorted(register, key=lambda i: (register[i].name.casefold(), i)),
    format_func=lambda i: f"{register[i].name} ({register[i].programme})",
    placeholder=t("intervention.choose_placeholder"),
    key=KEY,
    on_change=choose,
)
if chosen is None:
    st.info(t("intervention.choose_prompt"))
    st.stop()

trace = frame.fetch(analytics.trace, frame.version, chosen, municipality=filters.municipality)
e = trace.effect or register[chosen]
spend = frame.fetch(
    analytics.intervention_spend, intervention_id=chosen, version=version, municipality=municipality
)
try:
    in_year = (
        frame.fetch(
            analytics.intervention_figures, year=year, version=version, municipality=municipality
        )
        if year
        else []
    )
except analytics.AnalyticsError:  # several currencies: the ratio needs one
    in_year = []
figures = next((f for f in in_year if f.intervention_id == chosen), None)

st.header(plain.markdown(e.name))
facts = narrative.header_facts(trace)
for row in (facts[:3], facts[3:]):
    for column, (label, value) in zip(st.columns(3), row, strict=True):
        column.caption(label)
        column.markdown(plain.markdown(value))

st.subheader(t("intervention.effect"))
with st.container(border=True, key="iv_effect"):
    st.markdown(f"**{plain.markdown(narrative.effect_sentence(e))}**")
    st.markdown(plain.markdown(narrative.result_line(e)))
    if tiles := narrative.cost_benefit_tiles(figures, year or 0):
        for column, (label, value, help_text) in zip(st.columns(3), tiles, strict=True):
            column.metric(label, value, help=help_text)
    st.caption(narrative.cost_benefit_note(figures, e, year or 0))
    for title, lines in narrative.effect_sections(e, figures, year or 0):
        st.markdown(f"**{plain.markdown(title)}**")
        for line in lines:
            st.markdown(plain.markdown(line))

st.subheader(t("intervention.over_time"))
figure = charts.indicator_over_time(trace, lang)
if figure is None:
    st.info(narrative.no_series_reason(e))
else:
    st.markdown(plain.markdown(narrative.indicator_sentence(charts.outcome_rows(trace))))
    widgets.chart_then_table(
        figure,
        charts.indicator_table(trace, lang),
        key="iv_indicator",
        alt=t("intervention.over_time"),
    )

st.subheader(t("intervention.spend"))
if not spend:
    st.info(t("intervention.no_spend"))
else:
    st.markdown(plain.markdown(narrative.budget_sentence(spend, year or spend[-1].year)))
    widgets.chart_then_table(
        charts.budget_vs_actual(spend, lang),
        charts.budget_table(spend, lang),
        key="iv_budget",
        alt=t("intervention.spend"),
    )

with st.expander(t("intervention.how"), expanded=False):
    st.markdown(f"**{t('intervention.method')}:** {plain.markdown(narrative.method_words(e))}")
    for line in narrative.how_computed(trace.effect, figures):
        st.markdown(plain.markdown(line))
    st.markdown(f"**{t('intervention.rows')}**")
    rows = narrative.trace_table(trace, lang)
    st.dataframe(rows, hide_index=True, key="iv_rows")
    for name, sql in trace.sql.items():
        st.markdown(f"**{t('intervention.sql', name=name)}**")
        st.code(sql, language="sql", wrap_lines=True)
    st.markdown(f"**{t('intervention.parameters')}**")
    st.json(trace.parameters)

downloads.view_downloads(frame, "intervention", intervention=chosen)
widgets.decision_log_panel(frame, chosen, municipality=filters.municipality)
