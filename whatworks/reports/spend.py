"""Reports of the spend views: Programmes, Benchmark, Portfolio. No Streamlit.

Each section is made by the functions the view's page calls (analytics, the chart builders
and their ``*_table``), plus the data behind it as numbers.
"""

from __future__ import annotations

from functools import partial

from whatworks import analytics
from whatworks.analytics import benchmark as bench
from whatworks.analytics import portfolio as port
from whatworks.analytics import programmes as prog
from whatworks.charts import benchmark as bench_charts
from whatworks.charts import portfolio as port_charts
from whatworks.charts import programmes as prog_charts
from whatworks.charts.portfolio import indicator_label
from whatworks.exports import Column, DataTable
from whatworks.i18n import t
from whatworks.reports.contents import Fetch, ReportError, Request, Section, in_one_currency


def programmes(fetch: Fetch, r: Request) -> list[Section]:
    """Budget against actual per programme, shares over the years, one programme's
    interventions (the chosen programme, else the largest)."""
    lang, where, year = r.lang, r.municipality, r.year
    view = fetch(prog.programmes_view, version=r.version, municipality=where)
    if len(view.currencies) > 1 and r.currency is not None:
        view = fetch(
            prog.programmes_view, version=r.version, municipality=where, currency=r.currency
        )
    total = view.total(year) if year is not None else None
    if year is None or total is None or total.actual is None:
        raise ReportError("prog.no_data", year=year or "", municipality=view.municipality or "")
    c = view.currency
    budget = DataTable(
        "budget-vs-actual",
        t("prog.all_years", lang),
        (
            Column(t("prog.col.programme", lang)),
            Column(t("prog.col.year", lang), "year"),
            Column(t("prog.budgeted", lang), "money"),
            Column(t("prog.actual", lang), "money"),
            Column(t("prog.col.variance", lang), "money"),
            Column(t("prog.col.variance_share", lang), "percent"),
            Column(t("prog.col.spend_share", lang), "percent"),
        ),
        tuple(
            (x.programme, x.year, x.budgeted, x.actual, x.variance, x.variance_share, x.spend_share)
            for y in reversed(view.years)
            for x in view.of_year(y)
        ),
        c,
    )
    shares = DataTable(
        "shares",
        t("prog.shares", lang),
        (
            Column(t("prog.col.programme", lang)),
            Column(t("prog.col.year", lang), "year"),
            Column(t("prog.col.spend_share", lang), "percent"),
        ),
        tuple((x.programme, x.year, x.spend_share) for x in view.rows),
    )
    sections = [
        Section(
            t("prog.budget_vs_actual", lang, year=year),
            tuple(prog_charts.summary(view, year, lang)),
            chart=partial(prog_charts.budget_actual_figure, view, year, lang),
            shown=partial(prog_charts.budget_actual_table, view, [year], lang),
            data=budget,
        ),
        Section(
            t("prog.shares", lang),
            (t("prog.shares_caption", lang),),
            chart=partial(prog_charts.share_figure, view, lang),
            shown=partial(prog_charts.share_table, view, lang),
            data=shares,
        ),
    ]
    chosen = r.programme if r.programme in view.programmes else view.programmes[0]
    detail = fetch(
        prog.programme_interventions,
        programme=chosen,
        year=year,
        version=r.version,
        municipality=where,
        currency=view.currency,
    )
    if detail.interventions:
        found = fetch(analytics.effects, version=r.version, municipality=where)
        strengths = {e.intervention_id: e.strength for e in found}
        items = detail.interventions
        sections.append(
            Section(
                f"{t('prog.drill', lang)}: {chosen}",
                shown=partial(prog_charts.interventions_table, detail, lang, strengths),
                data=DataTable(
                    "interventions",
                    f"{t('prog.drill', lang)}: {chosen}",
                    (
                        Column(t("prog.col.intervention_id", lang)),
                        Column(t("prog.col.name", lang)),
                        Column(t("prog.col.stage", lang)),
                        Column(t("prog.col.effect_class", lang)),
                        Column(t("prog.budgeted", lang), "money"),
                        Column(t("prog.actual", lang), "money"),
                        Column(t("prog.col.variance", lang), "money"),
                    ),
                    tuple(
                        (
                            i.intervention_id,
                            i.name or "",
                            t(f"stage.{i.stage}", lang) if i.stage else "",
                            t(f"effect.{i.effect_class}", lang),
                            i.budgeted,
                            i.actual,
                            i.variance,
                        )
                        for i in items
                    ),
                    detail.currency,
                ),
            )
        )
    return sections


def benchmark(fetch: Fetch, r: Request) -> list[Section]:
    """Spend per inhabitant and outcomes, home against its peers (all, or those chosen)."""
    lang = r.lang
    everyone = fetch(bench.benchmark, year=r.year, version=r.version)
    if everyone.status == "one_municipality":
        only = everyone.home or (everyone.municipalities or ("",))[0]
        raise ReportError("bench.one_municipality", municipality=only)
    peers = tuple(everyone.peers) if r.peers is None else r.peers
    b = fetch(bench.benchmark, year=r.year, version=r.version, peers=peers)
    sections: list[Section] = []
    median_label = t("bench.peer_median", lang)
    if b.status not in ("no_peers", "no_population", "not_comparable"):
        rows: list[tuple[object, ...]] = []
        for programme in (*b.programmes, bench.TOTAL):
            label = programme or t("bench.total", lang)
            rows += [(label, m, b.per_inhabitant(programme, m)) for m in b.compared]
            rows.append((label, median_label, b.peer_median(programme)))
        sections.append(
            Section(
                t("bench.spend_title", lang, year=r.year),
                (*bench_charts.spend_summary(b, lang), *bench_charts.notes(b, lang)),
                chart=partial(bench_charts.spend_figure, b, lang),
                shown=partial(bench_charts.spend_table, b, lang),
                data=DataTable(
                    "spend-per-inhabitant",
                    t("bench.spend_title", lang, year=r.year),
                    (
                        Column(t("bench.col.programme", lang)),
                        Column(t("report.col_municipality", lang)),
                        Column(
                            t("bench.per_inhabitant_axis", lang, currency=b.currency or ""), "money"
                        ),
                    ),
                    tuple(rows),
                    b.currency,
                ),
            )
        )
    else:
        sections.append(
            Section(
                t("bench.spend_title", lang, year=r.year),
                (t(f"bench.{b.status}", lang, year=r.year),),
            )
        )
    if b.outcomes:
        rows = [(indicator_label(o.indicator, o.unit), o.municipality, o.value) for o in b.outcomes]
        rows += [
            (indicator_label(i, None), median_label, b.outcome_peer_median(i)) for i in b.indicators
        ]
        summary = bench_charts.outcome_summary(b, lang)
        sections.append(
            Section(
                t("bench.outcomes_title", lang, year=r.year),
                (summary,) if summary else (),
                chart=partial(bench_charts.outcomes_figure, b, lang),
                shown=partial(bench_charts.outcomes_table, b, lang),
                data=DataTable(
                    "outcomes",
                    t("bench.outcomes_title", lang, year=r.year),
                    (
                        Column(t("bench.col.indicator", lang)),
                        Column(t("report.col_municipality", lang)),
                        Column(t("report.col_value", lang), "number"),
                    ),
                    tuple(rows),
                ),
            )
        )
    return sections


def portfolio(fetch: Fetch, r: Request) -> list[Section]:
    """The pipeline by stage, and the candidates to scale, to review and the gaps."""
    lang = r.lang
    p = in_one_currency(
        fetch, port.portfolio, r.currency, year=r.year, version=r.version, programme=r.programme
    )
    sections = [
        Section(
            t("portfolio.pipeline", lang),
            (*port_charts.summary(p, lang), port_charts.pipeline_caption(p, lang)),
            chart=partial(port_charts.pipeline_figure, p, lang),
            shown=partial(port_charts.pipeline_table, p, lang),
            data=DataTable(
                "pipeline",
                t("portfolio.pipeline", lang),
                (
                    Column(t("portfolio.col.stage", lang)),
                    Column(t("portfolio.col.interventions", lang), "integer"),
                    Column(t("portfolio.col.spend", lang, year=p.year), "money"),
                ),
                tuple((t(f"stage.{s.stage}", lang), s.interventions, s.actual) for s in p.stages),
                p.currency,
            ),
        )
    ]
    for name, items in (("candidates", p.candidates), ("review", p.review), ("gaps", p.gaps)):
        title = t(f"portfolio.{name}", lang, year=p.year)
        if not items:
            sections.append(Section(title, (t(f"portfolio.{name}_none", lang),)))
            continue
        sections.append(
            Section(
                title,
                (t(f"portfolio.{name}_rule", lang),),
                shown=partial(port_charts.items_table, items, p, lang),
                data=DataTable(
                    name,
                    title,
                    (
                        Column(t("portfolio.col.intervention_id", lang)),
                        Column(t("portfolio.col.name", lang)),
                        Column(t("portfolio.col.programme", lang)),
                        Column(t("portfolio.col.stage", lang)),
                        Column(t("portfolio.col.effect_class", lang)),
                        Column(t("portfolio.col.spend", lang, year=p.year), "money"),
                        Column(t("portfolio.col.why", lang)),
                    ),
                    tuple(
                        (
                            i.intervention_id,
                            i.name,
                            i.programme,
                            t(f"stage.{i.stage}", lang),
                            t(f"effect.{i.effect_class}", lang),
                            i.actual,
                            port_charts.rule_text(i, p, lang),
                        )
                        for i in items
                    ),
                    p.currency,
                ),
            )
        )
    return sections


__all__ = ["benchmark", "portfolio", "programmes"]
