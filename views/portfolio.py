"""Portfolio: interventions by stage, candidates to scale, to review, measurement gaps, and
the decision log."""

import streamlit as st

from whatworks import downloads, widgets
from whatworks.analytics import portfolio
from whatworks.charts import portfolio as charts
from whatworks.i18n import t
from whatworks.ui import page_frame

frame = page_frame("portfolio.title", filters=("year", "programme"))
lang, year = frame.lang, frame.filters.year
if year is None:
    st.info(t("portfolio.no_year"))
    st.stop()
p = widgets.fetch_in_one_currency(
    frame,
    portfolio.portfolio,
    "portfolio_currency",
    year=year,
    version=frame.version,
    programme=frame.filters.programme,
)

for sentence in charts.summary(p, lang):
    st.markdown(sentence)
st.header(t("portfolio.pipeline"))
widgets.chart_and_table(
    charts.pipeline_figure(p, lang),
    charts.pipeline_table(p, lang),
    key="portfolio_pipeline",
    caption=charts.pipeline_caption(p, lang),
)

for name, items in (("candidates", p.candidates), ("review", p.review), ("gaps", p.gaps)):
    st.header(t(f"portfolio.{name}", year=year))
    st.caption(t(f"portfolio.{name}_rule"))
    if not items:
        st.info(t(f"portfolio.{name}_none"))
        continue
    table = charts.items_table(items, p, lang)
    styled = charts.class_styler(table, t("portfolio.col.effect_class", lang), lang)
    st.table(styled, hide_index=True)

downloads.view_downloads(frame, "portfolio", currency=p.currency)
st.divider()
widgets.decision_log_panel(frame)
