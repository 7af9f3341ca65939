"""Benchmark: spend per inhabitant and municipality-level outcomes against peer municipalities."""

import streamlit as st

from whatworks import downloads, plain, widgets
from whatworks.analytics import benchmark
from whatworks.charts import benchmark as charts
from whatworks.i18n import t
from whatworks.ui import page_frame

frame = page_frame("bench.title", filters=("year",))
lang, year = frame.lang, frame.filters.year
if year is None:
    st.info(t("bench.no_year"))
    st.stop()
everyone = frame.fetch(benchmark.benchmark, year=year, version=frame.version)
if everyone.status == "one_municipality":
    only = everyone.home or (everyone.municipalities or ("",))[0]
    st.info(plain.say("bench.one_municipality", municipality=only))
    st.stop()

st.caption(plain.say("bench.intro", home=everyone.home or "", currency=everyone.currency or ""))
chosen = st.multiselect(
    t("bench.peers_label"), everyone.peers, default=list(everyone.peers), key="bench_peers"
)
b = frame.fetch(benchmark.benchmark, year=year, version=frame.version, peers=tuple(chosen))

st.header(t("bench.spend_title", year=year))
if b.status == "no_peers":
    st.info(t("bench.no_peers"))
elif b.status == "no_population":
    st.info(t("bench.no_population", year=year))
elif b.status == "not_comparable":
    st.warning(t("bench.not_comparable"))
else:
    for sentence in charts.spend_summary(b, lang):
        st.markdown(sentence)
    widgets.chart_and_table(
        charts.spend_figure(b, lang),
        charts.spend_table(b, lang),
        key="bench_spend",
        caption=t("bench.spend_caption"),
    )
for note in charts.notes(b, lang):
    st.caption(note)

st.header(t("bench.outcomes_title", year=year))
if not b.outcomes:
    st.info(t("bench.no_outcomes", year=year))
else:
    summary = charts.outcome_summary(b, lang)
    if summary:
        st.markdown(summary)
    widgets.chart_and_table(
        charts.outcomes_figure(b, lang),
        charts.outcomes_table(b, lang),
        key="bench_outcomes",
        caption=t("bench.outcomes_caption"),
    )

downloads.view_downloads(frame, "benchmark", peers=tuple(chosen))
