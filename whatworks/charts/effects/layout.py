"""What every figure of the effect views starts from: our base layout with axes that make
room for their labels, and money axis ticks in the language (``€1M``, ``€ 1 mln``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from whatworks import narrative
from whatworks.charts import base_layout


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def money_ticks(
    high: float,
    currency: str | None,
    lang: str | None = None,
    *,
    low: float = 0.0,
    log: bool = False,
) -> dict[str, Any]:
    """Axis ticks labelled as money in the language (``€1M``, ``€ 1 mln``, ``1 mio. kr.``)."""
    if log:
        values = []
        decades = math.log10(high) - math.log10(max(low, 1.0))
        steps = (1, 2, 5) if decades <= 1.5 else (1, 3)
        for power in range(math.floor(math.log10(max(low, 1.0))), math.ceil(math.log10(high)) + 1):
            values += [m * 10.0**power for m in steps]
        values = [v for v in values if low <= v <= high]
    else:
        step = _nice_step(high - min(low, 0.0))
        values = [i * step for i in range(math.floor(min(low, 0.0) / step), int(high / step) + 2)]
    text = [narrative.money(Decimal(str(v)), currency, lang) for v in values]
    return {"tickmode": "array", "tickvals": values, "ticktext": text}


def apply_layout(fig: go.Figure, lang: str | None, **extra: Any) -> go.Figure:
    """Our base layout, with axes that make room for their labels and titles."""
    layout = base_layout(lang)
    for axis in {"xaxis", "yaxis", *(k for k in extra if k.startswith(("xaxis", "yaxis")))}:
        extra[axis] = {**layout.get(axis[:5], {}), "automargin": True, **extra.get(axis, {})}
    fig.update_layout(**{**layout, **extra})
    return fig


__all__ = ["apply_layout", "money_ticks"]
