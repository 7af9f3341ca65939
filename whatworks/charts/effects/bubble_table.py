"""The table behind the Spend vs effect figure: one row per intervention, numbers as numbers,
with each column's kind (:data:`TABLE_KINDS`) for the page's column formats. Beside the class
always its strength of evidence (dots and words); then the suggestion, spend, the effect and
its interval, the method, whether it pays off, the break-even and smallest detectable effects
(in the indicator's unit), cost per participant, benefit-cost ratio and the chance that
benefits exceed costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from whatworks import narrative
from whatworks.analytics import InterventionFigures, suggestions
from whatworks.charts.effects.bubbles import evidence_level
from whatworks.i18n import t

TABLE_KINDS: Final[dict[str, str]] = {
    "name": "text",
    "programme": "text",
    "class": "text",
    "strength": "text",
    "quadrant": "text",
    "spend": "money",
    "relative": "percent",
    "effect": "number",
    "low": "number",
    "high": "number",
    "unit": "text",
    "indicator": "text",
    "method": "text",
    "evidence": "text",
    "participants": "integer",
    "per_participant": "money",
    "pays_off": "text",
    "breakeven": "number",
    "mde": "number",
    "bcr": "ratio",
    "chance": "percent",
}


def spend_vs_effect_table(
    figures: Sequence[InterventionFigures], lang: str | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table behind the bubble chart, indexed by intervention id, numbers as numbers.

    Also returns each column's kind (``money``, ``percent``, ``number``, ``ratio``,
    ``integer``, ``text``) by its translated header, for the page's column formats.
    """
    median = suggestions.median_spend([f for f in figures if suggestions.placed(f)])
    records = []
    for f in figures:
        e = f.effect
        cb = f.cost_benefit
        unit = (e.unit if e else None) or ""
        records.append(
            {
                "name": f.name or f.intervention_id,
                "programme": f.programme,
                "class": t(f"effect.{f.effect_class}", lang),
                "strength": narrative.strength_text(e.strength if e else 0, lang),
                "quadrant": narrative.quadrant_label(suggestions.quadrant_of(f, median), lang),
                "spend": float(f.actual) if f.actual is not None else None,
                "relative": e.relative_effect if e else None,
                "effect": e.effect if e else None,
                "low": e.low if e else None,
                "high": e.high if e else None,
                "unit": t("effects.points_unit", lang) if unit == "%" else unit,
                "indicator": narrative.indicator_name(e.indicator, lang)
                if e and e.indicator
                else "",
                "method": narrative.method_words(e, lang),
                "evidence": t(f"evidence.{evidence_level(f)}", lang),
                "participants": f.participants,
                "per_participant": (
                    float(f.spend_per_participant) if f.spend_per_participant is not None else None
                ),
                "pays_off": t(f"pays_off.{narrative.pays_off_key(e, cb)}", lang),
                "breakeven": cb.breakeven_effect,
                "mde": e.mde if e else None,
                "bcr": cb.bcr,
                "chance": cb.p_benefit_exceeds_cost,
            }
        )
    table = pd.DataFrame(records, columns=list(TABLE_KINDS))
    table.index = pd.Index([f.intervention_id for f in figures], name="intervention_id")
    table["participants"] = table["participants"].astype("Int64")
    for column in (
        "spend",
        "relative",
        "effect",
        "low",
        "high",
        "per_participant",
        "breakeven",
        "mde",
        "bcr",
        "chance",
    ):
        table[column] = table[column].astype("Float64")
    headers = {
        key: t(f"sve.col_{key}", lang, currency=figures[0].currency or "" if figures else "")
        for key in TABLE_KINDS
    }
    return table.rename(columns=headers), {headers[k]: kind for k, kind in TABLE_KINDS.items()}


__all__ = ["TABLE_KINDS", "spend_vs_effect_table"]
