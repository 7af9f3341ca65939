"""Percentage axes written by our locale functions instead of plotly's ``tickformat``.

Plotly writes ``.0%`` ticks as ``38%`` in every language; Danish and Norwegian write
``38 %``, and every other figure on a view goes through :func:`whatworks.i18n.format_percent`.
``localise_percent_axes`` turns each axis of a figure that has a ``%`` tick format and a
fixed range into ticks at round steps with our text, so an axis reads like the sentence
and the table beside it.
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from whatworks.i18n import format_percent

_TICKS = 5


def _step(span: float) -> float:
    raw = span / _TICKS if span > 0 else 0.1
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def percent_ticks(low: float, high: float, lang: str | None, *, signed: bool) -> dict[str, Any]:
    """Ticks for shares from ``low`` to ``high`` (0.2 is 20 %), written in the language."""
    step = _step(high - low)
    values = [
        i * step for i in range(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)
    ]
    values = [round(v, 10) for v in values]
    text = [("+" if signed and v > 0 else "") + format_percent(v, lang) for v in values]
    return {"tickmode": "array", "tickvals": values, "ticktext": text, "tickformat": None}


def localise_percent_axes(fig: go.Figure, lang: str | None) -> go.Figure:
    """Every axis with a ``%`` tick format and a fixed range, ticked by our percentages."""
    for name in [k for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        axis = fig.layout[name]
        form = axis.tickformat or ""
        if not form.endswith("%") or axis.range is None:
            continue
        low, high = (float(v) for v in axis.range)
        fig.layout[name].update(percent_ticks(low, high, lang, signed=form.startswith("+")))
    return fig


__all__ = ["localise_percent_axes", "percent_ticks"]
