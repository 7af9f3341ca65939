"""One report per view: the filters checked against the data, the view's sections built, the
title and the filters in the reader's language. No Streamlit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final

from models import STAGES
from whatworks import browse
from whatworks.i18n import LANGUAGE_NAMES, t
from whatworks.reports import effects, spend
from whatworks.reports.contents import VIEWS, Fetch, ReportError, Request, Section, ViewReport

Builder = Callable[[Fetch, Request], list[Section]]
BUILDERS: Final[dict[str, Builder]] = {
    "overview": effects.overview,
    "spend_vs_effect": effects.spend_vs_effect,
    "intervention": effects.intervention,
    "programmes": spend.programmes,
    "benchmark": spend.benchmark,
    "portfolio": spend.portfolio,
}
# The title of each view (as its page shows it) and the filters it uses (as its page does).
TITLES: Final[dict[str, str]] = {
    "overview": "overview.title",
    "spend_vs_effect": "nav.spend_vs_effect",
    "intervention": "nav.intervention",
    "programmes": "prog.title",
    "benchmark": "bench.title",
    "portfolio": "portfolio.title",
}
FILTERS: Final[dict[str, tuple[str, ...]]] = {
    "overview": ("year", "municipality"),
    "spend_vs_effect": ("year", "programme", "municipality", "stage"),
    "intervention": ("year", "municipality", "intervention"),
    "programmes": ("year", "municipality", "programme"),
    "benchmark": ("year",),
    "portfolio": ("year", "programme"),
}
FILTER_LABELS: Final[dict[str, str]] = {
    "year": "frame.year",
    "programme": "frame.programme",
    "municipality": "frame.municipality",
    "stage": "frame.stage",
    "intervention": "frame.link_intervention",
}


def checked(fetch: Fetch, request: Request) -> Request:
    """``request`` with the newest year when none is given; a view, year, programme,
    municipality or stage the data does not know, or the share switch on a view other than
    the Overview, raises :class:`ReportError`."""
    if request.view not in VIEWS:
        raise ReportError("report.unknown_view", view=request.view, choices=", ".join(VIEWS))
    if request.share and request.view != "overview":
        raise ReportError("report.share_overview_only", view=t(TITLES[request.view], request.lang))
    options = fetch(browse.filter_options, request.version)
    if not options["year"]:
        raise ReportError("report.no_years")
    year = request.year if request.year is not None else options["year"][0]
    choices: dict[str, list[Any]] = {**options, "stage": list(STAGES), "year": options["year"]}
    given = {"year": year, "programme": request.programme}
    given |= {"municipality": request.municipality, "stage": request.stage}
    for name, value in given.items():
        if value is not None and value not in choices[name]:
            raise ReportError(
                "report.unknown_value",
                parameter=t(FILTER_LABELS[name], request.lang),
                value=str(value),
                choices=", ".join(str(c) for c in choices[name]),
            )
    return replace(request, year=year)


def build(fetch: Fetch, request: Request, *, now: dt.datetime | None = None) -> ViewReport:
    """The report of ``request.view`` (filters checked first; see :func:`checked`)."""
    request = checked(fetch, request)
    sections = BUILDERS[request.view](fetch, request)
    lang = request.lang
    filters: list[tuple[str, str]] = []
    parts: list[object] = []
    for name in FILTERS[request.view]:
        value = getattr(request, name)
        if value is None:
            continue
        shown = t(f"stage.{value}", lang) if name == "stage" else str(value)
        filters.append((t(FILTER_LABELS[name], lang), shown))
        parts.append(value)
    if request.view == "benchmark" and request.peers is not None:
        filters.append((t("bench.peers_label", lang), ", ".join(request.peers)))
    if request.view == "overview" and request.share:
        filters.append((t("overview.measure", lang), t("overview.measure_share", lang)))
    return ViewReport(
        request=request,
        title=t(TITLES[request.view], lang),
        filters=tuple(filters),
        file_parts=tuple(parts),
        generated=now or dt.datetime.now(dt.UTC),
        sections=tuple(sections),
    )


def about(report: ViewReport) -> list[tuple[str, str]]:
    """What a workbook's first sheet and a report's header say: view, filters, version, when."""
    lang = report.request.lang
    rows = [(t("report.view", lang), report.title)]
    rows += report.filters
    rows += [
        (t("report.data_version", lang), str(report.request.version)),
        (t("report.generated", lang), report.generated.strftime("%Y-%m-%d %H:%M UTC")),
        (t("frame.language", lang), LANGUAGE_NAMES.get(lang, lang)),
    ]
    return rows


__all__ = ["BUILDERS", "FILTERS", "TITLES", "about", "build", "checked"]
