"""The effect views under AppTest on the demo municipality: Overview, Spend vs effect and
Intervention show exactly the figures the analytics compute, in the chosen language."""

from __future__ import annotations

import json
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from whatworks import analytics, cli, narrative, plain, store
from whatworks.analytics import suggestions
from whatworks.charts import EFFECT_CLASSES, EFFECT_COLOURS, EVIDENCE_COLOURS
from whatworks.i18n import format_money_short, t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 60
OVERVIEW = "views/overview.py"
SPEND_VS_EFFECT = "views/spend_vs_effect.py"
INTERVENTION = "views/intervention.py"
YEAR = 2025
COMPARISONS = ("randomised", "diff_in_diff", "comparison_after")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("effects") / "demo.duckdb"
    cli.demo(db=path, country="en")
    return path


@pytest.fixture
def db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WHATWORKS_DB", str(demo_db))
    return demo_db


@pytest.fixture(scope="module")
def overview(demo_db: Path) -> analytics.Overview:
    with store.reader(demo_db) as con:
        return analytics.overview(con, year=YEAR)


@pytest.fixture(scope="module")
def figures(demo_db: Path) -> list[analytics.InterventionFigures]:
    with store.reader(demo_db) as con:
        return analytics.intervention_figures(con, year=YEAR)


def first(figures: list[analytics.InterventionFigures], test: Any) -> str:
    """The first intervention (largest spend) of the demo that passes ``test``."""
    return next(f.intervention_id for f in figures if f.effect is not None and test(f))


@pytest.fixture(scope="module")
def comparison(figures: list[analytics.InterventionFigures]) -> str:
    """An intervention measured against a comparison group, with a benefit-cost ratio."""
    return first(figures, lambda f: f.method in COMPARISONS and f.cost_benefit.bcr is not None)


@pytest.fixture(scope="module")
def before_after(figures: list[analytics.InterventionFigures]) -> str:
    return first(figures, lambda f: f.method == "before_after")


@pytest.fixture(scope="module")
def no_indicator(demo_db: Path) -> str:
    with store.reader(demo_db) as con:
        return next(e.intervention_id for e in analytics.effects(con) if e.indicator is None)


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at.switch_page(page).run()


def charts_of(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def metrics(at: AppTest) -> dict[str, Any]:
    return {m.label: m for m in at.metric}


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


# --------------------------------------------------------------------------- overview


def test_overview_tiles_equal_the_analytics(db: Path, overview: analytics.Overview) -> None:
    at = open_page(OVERVIEW)
    assert not at.exception
    k = overview.kpis
    shown = metrics(at)
    total = shown[t("overview.kpi_total", "en", year=YEAR)]
    assert total.value == format_money_short(k.total_actual, "EUR", "en")
    for key, part in (
        ("works", k.works),
        ("improved", k.improved_cause_unknown),
        ("inconclusive", k.inconclusive),
    ):
        tile = shown[t(f"overview.kpi_{key}", "en")]
        assert tile.value == narrative.percent(part.share, "en")
        assert tile.proto.delta == format_money_short(part.actual, "EUR", "en")
    not_measured = shown[t("overview.kpi_not_measured", "en")]
    assert not_measured.value == narrative.percent(k.not_measured.share, "en")
    assert not_measured.proto.delta == format_money_short(k.not_measured.actual, "EUR", "en")
    assert shown[t("overview.kpi_interventions", "en")].value == str(
        sum(k.interventions_by_stage.values())
    )


def test_overview_sentence_is_the_narrative_of_the_analytics(
    db: Path, overview: analytics.Overview
) -> None:
    at = open_page(OVERVIEW)
    sentence = narrative.overview_text(overview.sentence, "en")
    assert sentence.startswith(
        f"In {YEAR}, {format_money_short(overview.sentence.works.actual, 'EUR', 'en')} "
        f"({narrative.percent(overview.sentence.works.share, 'en')}) of spend went to "
        "interventions shown to work; "
    )
    improved = overview.sentence.improved_cause_unknown
    assert (
        f"{format_money_short(improved.actual, 'EUR', 'en')} "
        f"({narrative.percent(improved.share, 'en')}) to interventions that improved since the "
        "start, cause unknown;"
    ) in sentence
    assert plain.markdown(sentence) in texts(at)
    evidence = narrative.evidence_sentence(overview.by_evidence, "en")
    assert plain.markdown(evidence) in texts(at)


def test_overview_chart_has_one_trace_per_effect_class_in_its_colour(
    db: Path, overview: analytics.Overview
) -> None:
    at = open_page(OVERVIEW)
    by_programme = charts_of(at)[0]
    traces = by_programme["data"]
    assert [trace["meta"] for trace in traces] == list(EFFECT_CLASSES)
    for trace in traces:
        c = trace["meta"]
        assert trace["name"] == t(f"effect.{c}", "en")
        assert trace["marker"]["color"] == EFFECT_COLOURS[c]
        assert sum(trace["x"]) == pytest.approx(float(overview.by_class.by_key[c].actual))
        assert set(trace["y"]) == set(overview.by_class.programme_totals)


def test_overview_chart_switches_to_shares_of_each_programme(db: Path) -> None:
    at = open_page(OVERVIEW)
    at.radio(key="ov_measure").set_value("share").run()
    assert not at.exception
    traces = charts_of(at)[0]["data"]
    for i in range(len(traces[0]["y"])):
        assert sum(trace["x"][i] for trace in traces) == pytest.approx(1.0)


def test_overview_look_here_next_links_open_each_intervention(
    db: Path, overview: analytics.Overview
) -> None:
    at = open_page(OVERVIEW)
    links = [link for link in at.get("page_link") if link.proto.icon == ":material/arrow_forward:"]
    nxt = overview.look_here_next
    expected = [
        *((f, narrative.spend_item) for f in nxt.not_measured),
        *((f, narrative.review_item) for f in nxt.review),
        *((f, narrative.inconclusive_item) for f in nxt.inconclusive),
        *((f, narrative.value_item) for f in nxt.best_value),
    ]
    assert [parse_qs(link.proto.query_string)["intervention"] for link in links] == [
        [f.intervention_id] for f, _ in expected
    ]
    assert [link.proto.label for link in links] == [
        plain.markdown(words(f, "en")) for f, words in expected
    ]
    assert all(f.effect_class == "inconclusive" for f in nxt.inconclusive)
    assert all(f.effect_class == "works" for f in nxt.best_value)


def test_overview_in_dutch_formats_money_the_dutch_way(
    db: Path, overview: analytics.Overview
) -> None:
    at = open_page(OVERVIEW, lang="nl")
    assert not at.exception
    total = metrics(at)[t("overview.kpi_total", "nl", year=YEAR)]
    assert total.value == format_money_short(overview.kpis.total_actual, "EUR", "nl")
    assert "mln" in total.value
    sentence = narrative.overview_text(overview.sentence, "nl")
    assert sentence.startswith(f"In {YEAR} ging ")
    assert plain.markdown(sentence) in texts(at)


def test_overview_runs_on_its_own(db: Path) -> None:
    at = AppTest.from_file(str(ROOT / OVERVIEW), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.metric) == 6


def test_overview_of_an_empty_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = empty_database(tmp_path, monkeypatch)
    for page in (OVERVIEW, SPEND_VS_EFFECT):
        at = open_page(page)
        assert not at.exception, page
        assert t("effects.no_year", "en") in [i.value for i in at.info]
        assert len(at.get("plotly_chart")) == 0
    assert empty.exists()


def test_a_year_with_a_budget_but_no_spend_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = empty_database(tmp_path, monkeypatch)
    with store.writer(path) as con:
        v = store.next_version_id(con)
        store.record_version(con, v, store.NewVersion(kind="budget", action="load"))
        con.execute(
            "INSERT INTO budget_rows (year, programme, budgeted, valid_from) "
            "VALUES (2026, 'Youth care', 100000, $v)",
            {"v": v},
        )
    at = open_page(OVERVIEW)
    assert not at.exception
    assert t("overview.sentence_no_spend", "en", year=2026) in [i.value for i in at.info]
    at.switch_page(SPEND_VS_EFFECT).run()
    assert not at.exception
    assert t("sve.no_interventions", "en", year=2026) in [i.value for i in at.info]


def test_a_year_in_two_currencies_asks_which_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = empty_database(tmp_path, monkeypatch)
    with store.writer(path) as con:
        v = store.next_version_id(con)
        store.record_version(con, v, store.NewVersion(kind="budget", action="load"))
        con.execute(
            "INSERT INTO budget_rows (year, programme, actual, currency, valid_from) "
            "VALUES (2025, 'Youth care', 2000000, 'EUR', $v), (2025, 'Work', 750000, 'DKK', $v)",
            {"v": v},
        )
    at = open_page(OVERVIEW)
    assert not at.exception
    assert at.warning[0].value == t("widgets.several_currencies", "en", year=2025)
    total = metrics(at)[t("overview.kpi_total", "en", year=2025)]
    assert total.value == "DKK750,000"  # the first currency offered
    at.selectbox(key="ov_currency").select("EUR").run()
    assert metrics(at)[t("overview.kpi_total", "en", year=2025)].value == "€2M"
    at.switch_page(SPEND_VS_EFFECT).run()
    assert not at.exception
    assert at.warning[0].value == t("widgets.several_currencies", "en", year=2025)


# --------------------------------------------------------------------------- spend vs effect


def test_bubbles_are_the_measured_interventions_at_their_relative_effect(
    db: Path, figures: list[analytics.InterventionFigures]
) -> None:
    at = open_page(SPEND_VS_EFFECT)
    assert not at.exception
    spec = charts_of(at)[0]
    by_id = {f.intervention_id: f for f in figures}
    placed, strip = {}, {}
    for trace in spec["data"]:
        meta = trace.get("meta") or {}
        if "evidence" not in meta:
            continue
        assert trace["marker"]["color"] == EVIDENCE_COLOURS[meta["evidence"]]
        for (iid,), x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
            assert by_id[iid].effect is not None or meta["strip"]
            assert x == pytest.approx(float(by_id[iid].actual or 0))
            (strip if meta["strip"] else placed)[iid] = y
    expected = {f.intervention_id for f in figures if suggestions.placed(f)}
    assert set(placed) == expected
    for iid, y in placed.items():
        effect = by_id[iid].effect
        assert effect is not None
        assert isinstance(y, float)
        assert not math.isnan(y)
        assert y == pytest.approx(effect.relative_effect)
    unmeasured = {f.intervention_id for f in figures if f.effect_class == "not_measured"}
    assert unmeasured <= set(strip)  # never at 0 on the effect axis
    assert set(strip.values()) == {t("sve.strip_label", "en")}


def english_money_short(amount: Decimal) -> str:
    """``€4.7M`` / ``€812,345``: the English short amount, by hand (half up, ``.0`` dropped)."""
    if amount >= Decimal(999_950):
        millions = (amount / Decimal(1_000_000)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return f"€{millions}".removesuffix(".0") + "M"
    return f"€{amount.quantize(Decimal(1), ROUND_HALF_UP):,}"


def test_spend_vs_effect_table_equals_the_analytics(
    db: Path, figures: list[analytics.InterventionFigures]
) -> None:
    at = open_page(SPEND_VS_EFFECT)
    table = at.dataframe[0].value
    assert list(table.index) == [f.intervention_id for f in figures]
    spend = table[t("sve.col_spend", "en", currency="EUR")]
    bcr = table[t("sve.col_bcr", "en")]
    chance = table[t("sve.col_chance", "en")]
    # Written in English by hand (rounded, not cut), never by the browser's number formats.
    for f in figures:
        assert spend[f.intervention_id] == english_money_short(f.actual or Decimal(0))
        if f.cost_benefit.bcr is None:
            assert bcr.isna()[f.intervention_id]  # unknown, never 0
        else:
            assert bcr[f.intervention_id] == f"{round(f.cost_benefit.bcr, 2):.2f}"
        share = f.cost_benefit.p_benefit_exceeds_cost
        if share is not None and (share == 0 or share >= 0.01):
            assert chance[f.intervention_id] == f"{round(share * 100)}%"
    sentence = narrative.chart_sentence(figures, YEAR, "en")
    assert plain.markdown(sentence) in texts(at)
    strength = table[t("sve.col_strength", "en")]
    pays_off = table[t("sve.col_pays_off", "en")]
    for f in figures:
        level = f.effect.strength if f.effect else 0
        assert strength[f.intervention_id] == narrative.strength_text(level, "en")
        key = narrative.pays_off_key(f.effect, f.cost_benefit)
        assert pays_off[f.intervention_id] == t(f"pays_off.{key}", "en")


def test_one_figure_reads_the_same_in_the_table_and_on_the_intervention_view(
    db: Path, comparison: str
) -> None:
    table = open_page(SPEND_VS_EFFECT, lang="nl").dataframe[0].value
    row = table.loc[comparison]
    view = open_page(INTERVENTION, intervention=comparison, lang="nl")
    shown = "\n".join([*texts(view), *(m.value for m in view.metric)])
    columns = ("spend", "relative", "effect", "breakeven", "bcr")
    cells = {c: row[t(f"sve.col_{c}", "nl", currency="EUR")] for c in columns}
    assert all(isinstance(cell, str) for cell in cells.values()), cells  # text, not floats
    for column, cell in cells.items():
        assert plain.markdown(cell) in shown or cell in shown, (column, cell)
    assert cells["spend"].startswith("€\u00a0")  # Dutch, whatever the browser's locale
    assert "," in cells["bcr"]


def test_percent_axes_are_written_like_the_sentences(db: Path) -> None:
    # Danish writes "20 %" (a no-break space), plotly's own ".0%" would write "20%".
    bubbles = charts_of(open_page(SPEND_VS_EFFECT, lang="da"))[0]["layout"]["yaxis"]
    assert "tickformat" not in bubbles
    low, high = bubbles["range"]
    for value, text in zip(bubbles["tickvals"], bubbles["ticktext"], strict=True):
        assert low <= value <= high
        sign = "+" if value > 0 else ("-" if value < 0 else "")
        assert text == f"{sign}{round(abs(value) * 100)}\u00a0%"
    at = open_page(OVERVIEW, lang="nb")
    at.radio(key="ov_measure").set_value("share").run()
    shares = charts_of(at)[0]["layout"]["xaxis"]
    assert shares["ticktext"] == [f"{n}\u00a0%" for n in (0, 20, 40, 60, 80, 100)]


def test_the_programme_filter_narrows_the_view(db: Path) -> None:
    at = open_page(SPEND_VS_EFFECT, programme="Youth care")
    assert not at.exception
    assert set(at.dataframe[0].value[t("sve.col_programme", "en")]) == {"Youth care"}


def test_choosing_an_intervention_opens_its_view(db: Path, comparison: str) -> None:
    at = open_page(SPEND_VS_EFFECT)
    at.selectbox(key="sve_open").select(comparison).run()
    assert not at.exception
    assert at.title[0].value == t("nav.intervention", "en")
    assert at.selectbox(key="ww_intervention").value == comparison
    assert at.query_params["intervention"] == comparison


# --------------------------------------------------------------------------- intervention


def code_blocks(at: AppTest) -> list[str]:
    return [c.proto.code_text for c in at.get("code")]


def test_a_comparison_group_effect_says_so_and_shows_its_sql(db: Path, comparison: str) -> None:
    at = open_page(INTERVENTION, intervention=comparison)
    assert not at.exception
    with store.reader(db) as con:
        trace = analytics.trace(con, None, comparison)
    assert trace.effect is not None
    assert trace.effect.method in COMPARISONS
    assert at.header[0].value == trace.effect.name
    shown = "\n".join(texts(at))
    assert plain.markdown(t(f"method.{trace.effect.method}", "en")) in shown
    assert plain.markdown(narrative.effect_sentence(trace.effect, "en")) in shown
    assert code_blocks(at) == [sql.strip() for sql in trace.sql.values()]
    rows = at.dataframe[-1].value
    assert len(rows) == len(trace.rows)
    assert list(rows[t("intervention.col_version", "en")]) == [r.valid_from for r in trace.rows]


def test_an_intervention_shows_its_indicator_and_spend_over_time(db: Path, comparison: str) -> None:
    at = open_page(INTERVENTION, intervention=comparison)
    with store.reader(db) as con:
        spend = analytics.intervention_spend(con, intervention_id=comparison)
    indicator, budget = charts_of(at)
    names = [trace.get("meta") for trace in indicator["data"]]
    assert names[-2:] == ["value", "comparison"]
    actual = next(trace for trace in budget["data"] if trace["meta"] == "actual")
    assert actual["y"] == pytest.approx([float(s.actual or 0) for s in spend])
    metric = metrics(at)[t("intervention.bcr", "en", year=YEAR)]
    figures = {f.intervention_id: f for f in analytics_figures(db)}
    bcr = figures[comparison].cost_benefit.bcr
    assert bcr is not None
    assert metric.value == f"{bcr:.2f}"


def analytics_figures(db: Path) -> list[analytics.InterventionFigures]:
    with store.reader(db) as con:
        return analytics.intervention_figures(con, year=YEAR)


def test_the_view_says_how_it_was_computed_what_it_is_worth_and_what_it_would_take(
    db: Path, figures: list[analytics.InterventionFigures]
) -> None:
    for iid in {
        first(figures, lambda f: f.method in COMPARISONS and f.cost_benefit.bcr is not None),
        first(figures, lambda f: f.effect_class == "inconclusive"),
    }:
        at = open_page(INTERVENTION, intervention=iid)
        assert not at.exception
        f = next(f for f in figures if f.intervention_id == iid)
        e = f.effect
        assert e is not None
        shown = texts(at)
        reason = narrative.cost_benefit_reason(f, e, YEAR, "en")
        for line in [
            narrative.result_line(e, "en"),
            *narrative.how_computed(e, f, "en"),
            *narrative.value_for_money(f, e, reason, YEAR, "en"),
            *narrative.what_it_takes(e, f, "en"),
        ]:
            assert plain.markdown(line) in shown, line
        strength = narrative.strength_text(e.strength, "en")
        assert f"Strength of evidence: {strength}" in narrative.result_line(e, "en")


def test_a_before_after_effect_is_never_called_causal(db: Path, before_after: str) -> None:
    at = open_page(INTERVENTION, intervention=before_after)
    assert not at.exception
    shown = "\n".join(texts(at))
    assert t("method.before_after", "en") in shown
    for method in COMPARISONS:
        assert plain.markdown(t(f"method.{method}", "en")) not in shown
    assert plain.markdown(t("cb.pays_off.yes", "en")) not in shown
    assert "extra successes" not in shown


def test_an_intervention_without_indicator_explains_why_nothing_is_measured(
    db: Path, no_indicator: str
) -> None:
    at = open_page(INTERVENTION, intervention=no_indicator)
    assert not at.exception
    assert f"**{plain.markdown(t('effects.reason_no_indicator', 'en'))}**" in texts(at)
    assert t("intervention.no_indicator_chart", "en") in [i.value for i in at.info]
    assert len(at.metric) == 0  # no row of "not computable" tiles: one line says why
    reason = t("intervention.bcr_reason_no_effect", "en")
    line = t("intervention.bcr_not_computable", "en", year=YEAR, reason=reason)
    assert line in [c.value for c in at.caption]


def test_without_a_choice_the_view_asks_for_one(db: Path, before_after: str) -> None:
    at = open_page(INTERVENTION)
    assert not at.exception
    assert t("intervention.choose_prompt", "en") in [i.value for i in at.info]
    at.selectbox(key="ww_intervention").select(before_after).run()
    assert at.query_params["intervention"] == before_after
    assert t("method.before_after", "en") in "\n".join(texts(at))


def test_a_link_to_an_unknown_intervention_says_so(db: Path) -> None:
    at = open_page(INTERVENTION, intervention="nonexistent", lang="da")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        plain.markdown(
            "Linket beder om indsatsen »nonexistent«, som ikke findes i registret for denne "
            "dataversion. Vælg en nedenfor."
        )
    ]
    assert at.selectbox(key="ww_intervention").value is None


def test_a_link_followed_within_the_session_opens_its_intervention(
    db: Path, comparison: str, before_after: str
) -> None:
    at = open_page(INTERVENTION, intervention=comparison)
    at.switch_page(OVERVIEW).run()
    at.query_params["intervention"] = before_after  # a look-here-next link was clicked
    at.switch_page(INTERVENTION).run()
    assert not at.exception
    assert at.selectbox(key="ww_intervention").value == before_after


def test_the_intervention_view_in_norwegian(db: Path, before_after: str) -> None:
    at = open_page(INTERVENTION, intervention=before_after, lang="nb")
    assert not at.exception
    shown = "\n".join(texts(at))
    assert t("method.before_after", "nb") in shown
    with store.reader(db) as con:
        e = analytics.effect(con, before_after)
    assert e is not None
    result = narrative.result_line(e, "nb")
    assert result.startswith(f"Resultat: {t(f'effect.{e.effect_class}', 'nb')}. Evidensstyrke: ")
    assert plain.markdown(result) in shown


def test_an_empty_register_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_database(tmp_path, monkeypatch)
    at = open_page(INTERVENTION)
    assert not at.exception
    assert t("intervention.empty_register", "en") in [i.value for i in at.info]


def empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty.duckdb"
    store.ensure_database(path)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    return path


def test_a_decision_taken_on_the_intervention_view_records_that_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, comparison: str
) -> None:
    from whatworks import decisions

    path = tmp_path / "own.duckdb"
    cli.demo(db=path, country="en")
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    at = open_page(INTERVENTION, intervention=comparison)
    assert not at.exception
    assert t("decision.title", "en") in [s.value for s in at.subheader]
    at.radio(key="decision_choice").set_value("scale_up").run()
    at.text_area(key="decision_reason").input("Works against a comparison group.").run()
    at.button(key="decision_submit").click().run()
    assert not at.exception
    with store.reader(path) as con:
        (decision,) = decisions.list_decisions(con, intervention_id=comparison)
        shown = analytics.effect(con, comparison)
        assert store.latest_version(con) == 5  # the demo's four loads, then the decision
    assert (decision.intervention_id, decision.decision, decision.view_name) == (
        comparison,
        "scale_up",
        "intervention",
    )
    assert shown is not None
    assert decision.effect_class == shown.effect_class


# --------------------------------------------------------------------------- presentation mode


def test_presentation_mode_puts_filters_and_version_in_the_title(db: Path) -> None:
    at = open_page(OVERVIEW, present="1", lang="nl", municipality="Eemsdal")
    assert not at.exception
    with store.reader(db) as con:
        version = store.latest_version(con)
    assert at.title[0].value == plain.markdown(
        f"Besteden we aan wat werkt? · 2025 · Eemsdal · Dataversie {version}"
    )
    assert at.toggle(key="ww_present").value is True
    assert at.query_params["present"] == "1"
    # Larger chart type for a shared screen (16 otherwise).
    assert {c["layout"]["font"]["size"] for c in charts_of(at)} == {22}
    at.button(key="ww_present_leave").click().run()
    assert at.title[0].value == "Besteden we aan wat werkt?"
    assert "present" not in at.query_params
    assert {c["layout"]["font"]["size"] for c in charts_of(at)} == {16}


def test_presentation_mode_hides_the_decision_form(db: Path, comparison: str) -> None:
    at = open_page(INTERVENTION, intervention=comparison)
    assert t("decision.new", "en") in [e.label for e in at.expander]
    at.toggle(key="ww_present").set_value(True).run()
    assert at.query_params["present"] == "1"
    assert t("decision.new", "en") not in [e.label for e in at.expander]
    assert t("decision.analysts_only", "en") not in [c.value for c in at.caption]


@pytest.mark.parametrize("page", ["views/data.py", "views/settings.py"])
def test_presentation_mode_shows_no_editing_page(db: Path, page: str) -> None:
    at = open_page(page, present="1")
    assert not at.exception
    assert [i.value for i in at.info] == [t("frame.present_no_edits", "en")]
    assert not at.get("file_uploader")
    assert not at.text_input
    assert not at.number_input


def test_the_table_is_ordered_by_the_numbers_not_their_text(
    db: Path, figures: list[analytics.InterventionFigures]
) -> None:
    # The expected order comes from the figures' exact spend, sorted here: the browser's
    # header sort compared "€ 10 mln" with "€ 9 mln" as text.
    spend = {f.name or f.intervention_id: f.actual for f in figures}
    names_by_spend = sorted(spend, key=lambda n: spend[n] or Decimal(0))
    at = open_page(SPEND_VS_EFFECT)
    name_column = t("sve.col_name", "en")
    assert list(at.dataframe[0].value[name_column]) == names_by_spend[::-1]
    at.selectbox(key="sve_order").select("spend:low").run()
    assert not at.exception
    assert list(at.dataframe[0].value[name_column]) == names_by_spend
    at.selectbox(key="sve_order").select("name:az").run()
    assert list(at.dataframe[0].value[name_column]) == sorted(spend, key=str.casefold)
