"""The words of the effect views (Overview, Spend vs effect, Intervention). No Streamlit.

Every sentence a reader sees about spend and effect is worded here, through ``t()``, from
figures that :mod:`whatworks.analytics` computed (nothing is recomputed here): the overview's
sentences, an effect and its likely range in plain words, the method (method 2 is always
"before/after, no comparison group"), hover texts, the quadrant of the Spend vs effect chart,
why a benefit-cost ratio is not computable, and the rows behind a figure.

``lang=None`` means the language of this script run. Money is short (``€12.4M``) in
sentences and hover texts; shares below 1% keep one decimal so they never read as 0%.

The submodules, by subject: :mod:`.words` (numbers, money, markdown escaping),
:mod:`.effect` (one effect in plain words), :mod:`.overview`, :mod:`.spend_vs_effect` and
:mod:`.intervention` (the words of each view). Callers use ``narrative.<name>``.
"""

from whatworks.narrative.effect import (
    amount,
    effect_phrase,
    effect_sentence,
    indicator_name,
    method_words,
    not_measured_reason,
    range_phrase,
    relative_phrase,
)
from whatworks.narrative.intervention import (
    budget_sentence,
    chance_reason,
    cost_benefit_note,
    cost_benefit_reason,
    cost_benefit_tiles,
    header_facts,
    how_computed,
    indicator_sentence,
    no_series_reason,
    result_line,
    trace_table,
)
from whatworks.narrative.overview import (
    Tile,
    evidence_sentence,
    kpi_tiles,
    overview_sentences,
    overview_text,
    programme_sentence,
    spend_item,
    stage_line,
    value_item,
)
from whatworks.narrative.spend_vs_effect import (
    QUADRANTS,
    Quadrant,
    chart_sentence,
    hover_text,
    median_spend,
    placed,
    quadrant,
    quadrant_caption,
    quadrant_label,
    quadrant_of,
)
from whatworks.narrative.words import (
    bcr_words,
    markdown_escape,
    money,
    number,
    percent,
    signed_percent,
)

__all__ = [
    "QUADRANTS",
    "Quadrant",
    "Tile",
    "amount",
    "bcr_words",
    "budget_sentence",
    "chance_reason",
    "chart_sentence",
    "cost_benefit_note",
    "cost_benefit_reason",
    "cost_benefit_tiles",
    "effect_phrase",
    "effect_sentence",
    "evidence_sentence",
    "header_facts",
    "hover_text",
    "how_computed",
    "indicator_name",
    "indicator_sentence",
    "kpi_tiles",
    "markdown_escape",
    "median_spend",
    "method_words",
    "money",
    "no_series_reason",
    "not_measured_reason",
    "number",
    "overview_sentences",
    "overview_text",
    "percent",
    "placed",
    "programme_sentence",
    "quadrant",
    "quadrant_caption",
    "quadrant_label",
    "quadrant_of",
    "range_phrase",
    "relative_phrase",
    "result_line",
    "signed_percent",
    "spend_item",
    "stage_line",
    "trace_table",
    "value_item",
]
