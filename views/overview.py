"""Overview: the year's spend by effect class, in money and shares, and in plain words."""

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from whatworks import analytics, downloads, narrative, plain, ui, widgets
from whatworks.charts import effects as charts
from whatworks.charts import ticks
from whatworks.i18n import t

frame = ui.page_frame("overview.title", filters=("year", "municipality"))
year, lang, filters = frame.filters.year, frame.lang, frame.filters
if year is None:
    st.info(t("effects.no_year"))
    st.stop()
view = widgets.fetch_in_one_currency(
    frame,
    analytics.overview,
    "ov_currency",
    year=year,
    municipality=filters.municipality,
    version=frame.version,
)
k = view.kpis
if k.total_actual <= 0:
    st.info(t("overview.sentence_no_spend", year=year))
    st.stop()

with st.container(border=True, key="ov_sentence"):
    st.markdown(plain.markdown(narrative.overview_text(view.sentence, lang)))

tiles = narrative.kpi_tiles(view)
for row in (tiles[:3], tiles[3:]):
    for column, tile in zip(st.columns(3), row, strict=True):
        column.metric(
            tile.label,
            tile.value,
            delta=tile.delta,
            delta_color="off",
            delta_arrow="off",
            help=tile.help,
            border=True,
        )
st.caption(t("overview.stages", line=narrative.stage_line(k)))

st.header(t("overview.by_programme"))
measure = st.radio(
    t("overview.measure"),
    ["money", "share"],
    format_func=lambda m: t(f"overview.measure_{m}", lang),
    horizontal=True,
    key="ov_measure",
)
st.markdown(plain.markdown(narrative.programme_sentence(view.by_class)))
figure = charts.class_by_programme(view.by_class, lang, share=measure == "share")
ticks.localise_percent_axes(figure, lang)
widgets.chart_then_table(
    figure,
    charts.class_by_programme_table(view.by_class, lang),
    key="ov_programmes",
    alt=t("overview.by_programme"),
)

st.header(t("overview.next"))
groups = view.look_here_next
for key, items, words in (
    ("not_measured", groups.not_measured, narrative.spend_item),
    ("review", groups.review, narrative.review_item),
    ("inconclusive", groups.inconclusive, narrative.inconclusive_item),
    ("best_value", groups.best_value, narrative.value_item),
):
    st.markdown(f"**{t(f'overview.next_{key}')}**")
    if not items:
        st.caption(t("overview.next_none"))
    for f in items:
        label = words(f)
        params = filters.with_(intervention=f.intervention_id).to_params()
        try:
            st.page_link(
                "views/intervention.py",
                label=plain.markdown(label),
                icon=":material/arrow_forward:",
                query_params=params,
            )
        except StreamlitPageNotFoundError:  # the page run on its own, outside the app
            st.markdown(plain.markdown(label))

st.header(t("overview.evidence"))
st.markdown(plain.markdown(narrative.evidence_sentence(view.by_evidence)))
evidence = charts.by_evidence(view.by_evidence, lang)
widgets.chart_then_table(
    evidence,
    charts.by_evidence_table(view.by_evidence, lang),
    key="ov_evidence",
    alt=t("overview.evidence"),
)

downloads.view_downloads(frame, "overview", currency=k.currency, share=measure == "share")
