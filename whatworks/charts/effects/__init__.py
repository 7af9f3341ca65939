"""Figures of the effect views, each with the table behind it. Data in, figure out; no Streamlit.

- Spend by effect class per programme: stacked horizontal bars, one trace per effect class in
  :data:`~whatworks.charts.EFFECT_COLOURS` (the same colour on every view), in money or as
  shares; spend by external evidence level (:mod:`.overview`).
- Spend vs effect: a bubble per intervention with a standardised effect, spend on a log axis,
  reach as area, evidence level as colour, effect class as marker symbol (:mod:`.bubbles`,
  its table in :mod:`.bubble_table`).
- One intervention: budget vs actual by year; its indicator over time with the likely range,
  the comparison group, baseline, target and the start date (:mod:`.intervention`).
- The layout every figure starts from and money axis ticks (:mod:`.layout`).

Every figure has a table (``*_table``) with the same figures formatted for reading: the text
alternative shown beside it. Values are plain lists (never NaN for unknown: unknown points
are left out), so a figure's JSON can be checked against the analytics. Pages use
``from whatworks.charts import effects as charts``.
"""

from whatworks.charts.effects.bubble_table import TABLE_KINDS, spend_vs_effect_table
from whatworks.charts.effects.bubbles import EFFECT_SYMBOLS, in_filters, spend_vs_effect
from whatworks.charts.effects.intervention import (
    budget_table,
    budget_vs_actual,
    indicator_over_time,
    indicator_table,
    outcome_rows,
)
from whatworks.charts.effects.layout import money_ticks
from whatworks.charts.effects.overview import (
    by_evidence,
    by_evidence_table,
    class_by_programme,
    class_by_programme_table,
    programmes_by_spend,
)

__all__ = [
    "EFFECT_SYMBOLS",
    "TABLE_KINDS",
    "budget_table",
    "budget_vs_actual",
    "by_evidence",
    "by_evidence_table",
    "class_by_programme",
    "class_by_programme_table",
    "in_filters",
    "indicator_over_time",
    "indicator_table",
    "money_ticks",
    "outcome_rows",
    "programmes_by_spend",
    "spend_vs_effect",
    "spend_vs_effect_table",
]
