"""The words of the effect views (Overview, Spend vs effect, Intervention). No Streamlit.

Every sentence a reader sees about spend and effect is worded here, through ``t()``, from
figures that :mod:`whatworks.analytics` computed (nothing is recomputed here): the overview's
sentences, an effect and its likely range in plain words, the class with its strength of
evidence, the method (before/after is always "no comparison group"), how the figure was made
and what it would take to know, hover texts, the suggestion on the Spend vs effect chart, why
a benefit-cost ratio is not computable, and the rows behind a figure.

``lang=None`` means the language of this script run. Money is short (``€12.4M``) in
sentences and hover texts; shares below 1% keep one decimal so they never read as 0%.

The submodules, by subject: :mod:`.words` (numbers, money, strength, counts, markdown
escaping), :mod:`.effect` (one effect in plain words), :mod:`.method` (how it was computed,
value for money, what it would take to know), :mod:`.overview`, :mod:`.spend_vs_effect` and
:mod:`.intervention` (the words of each view). Callers use ``narrative.<name>``.
"""

from whatworks.narrative.effect import (
    amount,
    class_help,
    class_label,
    class_with_strength,
    effect_phrase,
    effect_sentence,
    indicator_name,
    method_words,
    not_measured_reason,
    range_phrase,
    relative_phrase,
    signed_amount,
)
from whatworks.narrative.intervention import (
    budget_sentence,
    chance_reason,
    cost_benefit_note,
    cost_benefit_reason,
    cost_benefit_tiles,
    header_facts,
    indicator_sentence,
    no_series_reason,
    result_line,
    trace_table,
)
from whatworks.narrative.method import (
    design_sentence,
    effect_sections,
    how_computed,
    needed_words,
    pays_off_key,
    prior_sentences,
    strength_sentence,
    target_words,
    value_for_money,
    what_it_takes,
)
from whatworks.narrative.overview import (
    REVIEW_CLASSES,
    Tile,
    evidence_sentence,
    inconclusive_item,
    kpi_tiles,
    overview_sentences,
    overview_text,
    programme_sentence,
    review_item,
    spend_item,
    stage_line,
    value_item,
)
from whatworks.narrative.spend_vs_effect import (
    chart_sentence,
    hover_text,
    quadrant_caption,
    quadrant_label,
)
from whatworks.narrative.words import (
    bcr_words,
    count,
    fine_number,
    money,
    number,
    percent,
    signed_percent,
    strength_text,
)

__all__ = [
    "REVIEW_CLASSES",
    "Tile",
    "amount",
    "bcr_words",
    "budget_sentence",
    "chance_reason",
    "chart_sentence",
    "class_help",
    "class_label",
    "class_with_strength",
    "cost_benefit_note",
    "cost_benefit_reason",
    "cost_benefit_tiles",
    "count",
    "design_sentence",
    "effect_phrase",
    "effect_sections",
    "effect_sentence",
    "evidence_sentence",
    "fine_number",
    "header_facts",
    "hover_text",
    "how_computed",
    "inconclusive_item",
    "indicator_name",
    "indicator_sentence",
    "kpi_tiles",
    "method_words",
    "money",
    "needed_words",
    "no_series_reason",
    "not_measured_reason",
    "number",
    "overview_sentences",
    "overview_text",
    "pays_off_key",
    "percent",
    "prior_sentences",
    "programme_sentence",
    "quadrant_caption",
    "quadrant_label",
    "range_phrase",
    "relative_phrase",
    "result_line",
    "review_item",
    "signed_amount",
    "signed_percent",
    "spend_item",
    "stage_line",
    "strength_sentence",
    "strength_text",
    "target_words",
    "trace_table",
    "value_for_money",
    "value_item",
    "what_it_takes",
]
