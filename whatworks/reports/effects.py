"""Reports of the effect views: Overview, Spend vs effect, Intervention. No Streamlit.

Each section is made by the functions the view's page calls (analytics, narrative, the chart
builders and their ``*_table``), plus the data behind it as numbers.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from models import EVIDENCE_LEVELS
from whatworks import analytics, narrative, tables
from whatworks.analytics import InterventionFigures, suggestions
from whatworks.charts import EFFECT_CLASSES, ticks
from whatworks.charts import effects as charts
from whatworks.exports import Column, ColumnKind, DataTable
from whatworks.i18n import t
from whatworks.reports.contents import Fetch, ReportError, Request, Section, in_one_currency

# The chart module's column kinds as a spreadsheet's (a ratio is a plain number).
TABLE_COLUMN_KINDS: Final[dict[str, ColumnKind]] = {
    "money": "money",
    "percent": "percent",
    "integer": "integer",
    "number": "number",
    "ratio": "number",
}


def overview(fetch: Fetch, r: Request) -> list[Section]:
    """The year's spend by effect class, in words, tiles, per programme and by evidence."""
    lang = r.lang
    view = in_one_currency(
        fetch,
        analytics.overview,
        r.currency,
        year=r.year,
        municipality=r.municipality,
        version=r.version,
    )
    k = view.kpis
    if k.total_actual <= 0:
        raise ReportError("overview.sentence_no_spend", year=r.year)
    tiles = tuple(
        (tile.label, tile.value + (f" ({tile.delta})" if tile.delta else ""))
        for tile in narrative.kpi_tiles(view, lang)
    )
    split, evidence = view.by_class, view.by_evidence
    programme, effect = t("frame.programme", lang), t("report.col_effect_class", lang)
    by_programme = DataTable(
        "by-programme",
        t("overview.by_programme", lang),
        (
            Column(programme),
            Column(effect),
            Column(t("overview.col_spend", lang), "money"),
            Column(t("overview.col_share", lang), "percent"),
        ),
        tuple(
            (
                p,
                t(f"effect.{c}", lang),
                split.by_programme[p][c].actual,
                split.by_programme[p][c].share,
            )
            for p in charts.programmes_by_spend(split)
            for c in EFFECT_CLASSES
        ),
        split.currency,
    )
    levels = list(reversed(EVIDENCE_LEVELS))
    by_evidence = DataTable(
        "by-evidence",
        t("overview.evidence", lang),
        (
            Column(t("overview.col_evidence", lang)),
            Column(t("overview.col_spend", lang), "money"),
            Column(t("overview.col_share", lang), "percent"),
        ),
        tuple(
            (
                t(f"evidence.{level}", lang),
                evidence.split.by_key[level].actual,
                evidence.split.by_key[level].share,
            )
            for level in levels
        ),
        evidence.split.currency,
    )
    return [
        Section(
            t("overview.title", lang),
            (narrative.overview_text(view.sentence, lang),),
            tiles,
        ),
        Section(
            t("overview.by_programme", lang),
            (narrative.programme_sentence(split, lang),),
            chart=lambda: ticks.localise_percent_axes(
                charts.class_by_programme(split, lang, share=r.share), lang
            ),
            shown=partial(charts.class_by_programme_table, split, lang),
            data=by_programme,
        ),
        Section(
            t("overview.evidence", lang),
            (narrative.evidence_sentence(evidence, lang),),
            chart=partial(charts.by_evidence, evidence, lang),
            shown=partial(charts.by_evidence_table, evidence, lang),
            data=by_evidence,
        ),
    ]


def spend_vs_effect(fetch: Fetch, r: Request) -> list[Section]:
    """Every intervention's spend beside its measured effect: the bubble chart and its table."""
    lang = r.lang
    everything = in_one_currency(
        fetch,
        analytics.intervention_figures,
        r.currency,
        year=r.year,
        municipality=r.municipality,
        version=r.version,
    )
    figures = charts.in_filters(everything, programme=r.programme, stage=r.stage)
    if not figures:
        raise ReportError("sve.no_interventions", year=r.year)
    median = suggestions.median_spend([f for f in figures if suggestions.placed(f)])
    currency = figures[0].currency
    return [
        Section(
            t("nav.spend_vs_effect", lang),
            (
                narrative.chart_sentence(figures, r.year or 0, lang),
                narrative.quadrant_caption(median, currency, lang),
            ),
            chart=lambda: ticks.localise_percent_axes(charts.spend_vs_effect(figures, lang), lang),
            shown=partial(_sve_shown, figures, lang),
            data=partial(_sve_data, figures, r.year, lang),
            slug="spend-vs-effect",
        )
    ]


def _sve_shown(figures: list[InterventionFigures], lang: str) -> pd.DataFrame:
    """The Spend vs effect table as the page shows it."""
    numbers, kinds = charts.spend_vs_effect_table(figures, lang)
    shown = tables.spend_vs_effect(numbers, kinds, figures[0].currency, lang)
    return shown.reset_index(drop=True)


def _sve_data(figures: list[InterventionFigures], year: int | None, lang: str) -> DataTable:
    """The data behind the Spend vs effect table, money exact."""
    numbers, kinds = charts.spend_vs_effect_table(figures, lang)
    columns = (
        Column(t("report.col_intervention_id", lang)),
        *(Column(header, TABLE_COLUMN_KINDS.get(kind, "text")) for header, kind in kinds.items()),
    )
    # The table holds money as floats for the page; the data keeps the exact amounts.
    exact = {
        "spend": {f.intervention_id: f.actual for f in figures},
        "per_participant": {f.intervention_id: f.spend_per_participant for f in figures},
    }
    names = list(charts.TABLE_KINDS)
    rows = tuple(
        (
            str(index),
            *(
                exact[name][index] if name in exact else None if _na(v) else v
                for name, v in zip(names, record, strict=True)
            ),
        )
        for index, record in zip(
            numbers.index, numbers.itertuples(index=False, name=None), strict=True
        )
    )
    return DataTable(
        "spend-vs-effect", t("sve.table", lang, year=year), columns, rows, figures[0].currency
    )


def _indicator_figure(trace: analytics.Trace, lang: str) -> go.Figure:
    figure: go.Figure | None = charts.indicator_over_time(trace, lang)
    assert figure is not None  # called only when the trace has outcome rows
    return figure


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _na(value: object) -> bool:
    """NaN or pandas' NA (the table's unknowns)."""
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def intervention(fetch: Fetch, r: Request) -> list[Section]:
    """One intervention: its facts, its effect in words, indicator over time, spend by year."""
    lang, version, where = r.lang, r.version, r.municipality
    register = {
        e.intervention_id: e for e in fetch(analytics.effects, version=version, municipality=where)
    }
    if r.intervention is None:
        raise ReportError("report.choose_intervention")
    if r.intervention not in register:
        raise ReportError("report.unknown_intervention", id=r.intervention or "")
    chosen = r.intervention
    trace = fetch(analytics.trace, version, chosen, municipality=where)
    e = trace.effect or register[chosen]
    spend = fetch(
        analytics.intervention_spend, intervention_id=chosen, version=version, municipality=where
    )
    try:
        in_year = (
            fetch(analytics.intervention_figures, year=r.year, version=version, municipality=where)
            if r.year
            else []
        )
    except analytics.AnalyticsError:
        in_year = []
    figures = next((f for f in in_year if f.intervention_id == chosen), None)
    year = r.year or 0
    cb_tiles = tuple(
        (label, value) for label, value, _ in narrative.cost_benefit_tiles(figures, year, lang)
    )
    effect_lines = [narrative.effect_sentence(e, lang), narrative.result_line(e, lang)]
    effect_lines.append(narrative.cost_benefit_note(figures, e, year, lang))
    for title, lines in narrative.effect_sections(e, figures, year, lang):
        effect_lines += [title, *lines]
    sections = [
        Section(e.name, (), tuple(narrative.header_facts(trace, lang))),
        Section(t("intervention.effect", lang), tuple(effect_lines), cb_tiles),
    ]
    if not charts.outcome_rows(trace):  # indicator_over_time would give no figure
        sections.append(
            Section(t("intervention.over_time", lang), (narrative.no_series_reason(e, lang),))
        )
    else:
        names = ("value", "comparison", "baseline", "target", "ci_low", "ci_high")
        rows = tuple(
            (
                str(v["period"]),
                _date(v.get("period_start")),
                _date(v.get("period_end")),
                *(None if v.get(c) is None else float(v[c]) for c in names),
                None if v.get("n") is None else int(v["n"]),
            )
            for v in charts.outcome_rows(trace)
        )
        columns = (
            Column(t("intervention.col_period", lang)),
            Column(t("report.col_period_start", lang), "date"),
            Column(t("report.col_period_end", lang), "date"),
            *(Column(t(f"intervention.col_{c}", lang), "number") for c in names),
            Column(t("intervention.col_n", lang), "integer"),
        )
        sections.append(
            Section(
                t("intervention.over_time", lang),
                (narrative.indicator_sentence(charts.outcome_rows(trace), lang),),
                chart=partial(_indicator_figure, trace, lang),
                shown=partial(charts.indicator_table, trace, lang),
                data=DataTable("indicator", t("intervention.over_time", lang), columns, rows),
            )
        )
    if spend:
        currency = spend[0].currency
        sections.append(
            Section(
                t("intervention.spend", lang),
                (narrative.budget_sentence(spend, r.year or spend[-1].year, lang),),
                chart=partial(charts.budget_vs_actual, spend, lang),
                shown=partial(charts.budget_table, spend, lang),
                data=DataTable(
                    "spend",
                    t("intervention.spend", lang),
                    (
                        Column(t("frame.year", lang), "year"),
                        Column(t("intervention.budgeted", lang), "money"),
                        Column(t("intervention.actual", lang), "money"),
                        Column(t("intervention.variance", lang), "money"),
                    ),
                    tuple((s.year, s.budgeted, s.actual, s.variance) for s in spend),
                    currency,
                ),
            )
        )
    else:
        sections.append(Section(t("intervention.spend", lang), (t("intervention.no_spend", lang),)))
    rows_behind = narrative.trace_table(trace, lang)
    sections.append(
        Section(
            t("intervention.rows", lang),
            data=DataTable(
                "rows-behind-the-effect",
                t("intervention.rows", lang),
                tuple(
                    Column(str(c), "integer" if n == 1 else "text")
                    for n, c in enumerate(rows_behind.columns)
                ),
                tuple(rows_behind.itertuples(index=False, name=None)),
            ),
        )
    )
    return sections


__all__ = ["intervention", "overview", "spend_vs_effect"]
