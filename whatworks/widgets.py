"""Streamlit components that several pages share: the decision-log panel, the one-currency
fetch, a chart with its table, and shared filters set from a page's own widget.

``decision_log_panel(frame)`` on the Portfolio view lists every decision and lets an analyst
record one on any intervention; ``decision_log_panel(frame, intervention_id)`` on the
Intervention view does the same for that intervention. Widget keys (stable, for AppTest):
``decision_intervention``, ``decision_choice``, ``decision_date``, ``decision_reason``,
``decision_supersedes``, ``decision_submit``, ``decision_table``, ``decision_against``,
``decision_export``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from whatworks import analytics, chrome, decisions, narrative, plain, roles, store, ui
from whatworks.charts.portfolio import class_label, class_styler
from whatworks.decisions import Decision
from whatworks.i18n import current_language, format_date, format_number, t

P = ParamSpec("P")
R = TypeVar("R")

MESSAGE_KEY = "decision_message"
KEYS = {
    "intervention": "decision_intervention",
    "choice": "decision_choice",
    "date": "decision_date",
    "reason": "decision_reason",
    "supersedes": "decision_supersedes",
    "submit": "decision_submit",
    "table": "decision_table",
    "against": "decision_against",
    "export": "decision_export",
}


# --------------------------------------------------------------------------- shared helpers


def set_shared_filter(name: str, key: str) -> None:
    """``on_change`` of a page's own widget that sets one of the shared filters (in the URL)."""
    ui.set_filters(ui.current_filters().with_(**{name: st.session_state[key]}))


def chart_and_table(
    figure: go.Figure, table: pd.DataFrame | Any, *, key: str, caption: str | None = None
) -> None:
    """A chart, and the table behind it as its text alternative, in two tabs."""
    chart_tab, table_tab = st.tabs([t("widgets.chart"), t("widgets.table")])
    with chart_tab:
        plotly_chart(figure, key=f"{key}_chart")
    with table_tab:
        st.dataframe(table, hide_index=True, key=f"{key}_table")
    if caption:
        st.caption(caption)


def plotly_chart(figure: go.Figure, *, key: str, alt: str | None = None, **options: Any) -> Any:
    """``st.plotly_chart`` as every view draws it: names as text (:func:`plain.figure`), our own
    theme and colours, Plotly's toolbar in the reader's language."""
    return st.plotly_chart(
        plain.figure(figure),
        theme=None,
        key=key,
        alt=alt,
        config=chrome.plotly_config(current_language()),
        **options,
    )


def chart_then_table(figure: go.Figure, table: pd.DataFrame, *, key: str, alt: str) -> None:
    """A chart, and below it the table behind it (its text alternative) in an expander."""
    plotly_chart(figure, key=key, alt=alt)
    with st.expander(t("effects.table_behind")):
        st.dataframe(table, hide_index=True)


def fetch_in_one_currency(
    frame: ui.Frame,
    fn: Callable[Concatenate[Any, P], R],
    key: str,
    *args: P.args,
    **kwargs: P.kwargs,
) -> R:
    """``frame.fetch(fn, ...)``; when the year's spend is in several currencies, ask which."""
    try:
        return frame.fetch(fn, *args, **kwargs)
    except analytics.MixedCurrencyError as exc:
        options = [c for c in exc.currencies if c is not None]
        st.warning(t("widgets.several_currencies", year=exc.year))
        chosen = st.selectbox(t("widgets.currency"), options, key=key)
        return frame.fetch(fn, *args, **{**kwargs, "currency": chosen})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- who


def recorder() -> tuple[str, bool]:
    """Who records a decision now (as the versions record them) and whether they may."""
    identity = roles.current()
    return identity.recorded_as, identity.analyst


# --------------------------------------------------------------------------- decision log


def decisions_table(
    log: list[Decision],
    lang: str,
    *,
    explain: bool = False,
    strengths: Mapping[int, int] | None = None,
) -> pd.DataFrame:
    """The log as the page shows it, newest first; ``explain``: say why a decision is against
    the evidence in words (else only mark it). ``strengths``: the strength of evidence shown
    with each decision (by decision id), beside its class; '' where not known."""
    known = strengths or {}

    def strength(d: Decision) -> str:
        found = known.get(d.decision_id)
        return "" if found is None else narrative.strength_text(found, lang)

    def status(d: Decision) -> str:
        if d.superseded_by is not None:
            return t("decision.status.superseded", lang, id=d.superseded_by)
        if d.supersedes is not None:
            return t("decision.status.corrects", lang, id=d.supersedes)
        return t("decision.status.current", lang)

    columns: list[tuple[str, Callable[[Decision], Any]]] = [
        ("decision_id", lambda d: d.decision_id),
        ("decided_on", lambda d: format_date(d.decided_on, lang)),
        ("intervention_id", lambda d: d.intervention_id),
        ("name", lambda d: d.name or ""),
        ("decision", lambda d: t(f"decision.{d.decision}", lang)),
        ("effect_class", lambda d: class_label(d.effect_class, lang)),
        ("strength", strength),
        ("method", lambda d: t(f"method.{d.method}", lang)),
        (
            "against_evidence",
            lambda d: (
                against_text(d, lang)
                if explain
                else (t("decision.yes", lang) if d.against_evidence else "")
            ),
        ),
        ("status", status),
        ("reason", lambda d: d.reason),
        ("decided_by", lambda d: d.decided_by),
        ("effect", lambda d: effect_text(d, lang)),
        ("data_version", lambda d: d.data_version),
        ("view_name", lambda d: view_label(d.view_name, lang)),
    ]
    return pd.DataFrame(
        {t(f"decision.col.{name}", lang): [get(d) for d in log] for name, get in columns}
    )


def strengths_shown(frame: ui.Frame, log: list[Decision]) -> dict[int, int]:
    """The strength of evidence each decision was shown: that of its intervention at the
    decision's data version and municipality (as the log keeps its class)."""
    out = {}
    for d in log:
        e = frame.fetch(
            analytics.effect, d.intervention_id, version=d.data_version, municipality=d.municipality
        )
        if e is not None:
            out[d.decision_id] = e.strength
    return out


def against_text(d: Decision, lang: str) -> str:
    """Why a decision counts as against the evidence shown at the time ('' when it does not)."""
    if not d.against_evidence:
        return ""
    return t(f"decision.against.{d.decision}", lang, evidence=class_label(d.effect_class, lang))


def effect_text(d: Decision, lang: str) -> str:
    """The effect shown at the time: ``+4.2 %`` with its interval when known."""
    if d.effect is None:
        return ""
    number = ("+" if d.effect > 0 else "") + format_number(round(d.effect, 2), lang)
    if d.unit is not None and d.unit.strip() == "%":
        text = t("decision.points", lang, n=number)
    else:
        text = number + (f" {d.unit}" if d.unit else "")
    if d.effect_low is not None and d.effect_high is not None:
        low = format_number(round(d.effect_low, 2), lang)
        high = format_number(round(d.effect_high, 2), lang)
        text += " " + t("decision.interval", lang, low=low, high=high)
    return text


def view_label(view: str, lang: str) -> str:
    """The name of the view a decision was taken on, in the reader's language."""
    try:
        return t(f"nav.{view}", lang)
    except KeyError:
        return view


def _record(
    frame: ui.Frame, intervention_id: str | None, view: str, who: str, municipality: str | None
) -> None:
    """The submit button's callback: record, then say what happened on the next run."""
    state = st.session_state
    target = intervention_id or state.get(KEYS["intervention"])
    missing = [k for k in ("choice", "reason") if not str(state.get(KEYS[k]) or "").strip()]
    if missing:
        state[MESSAGE_KEY] = ("error", t(f"decision.need_{missing[0]}"))
        return
    try:
        recorded = decisions.record(
            frame.db,
            intervention_id=target or "",
            decision=state.get(KEYS["choice"]) or "",
            reason=state.get(KEYS["reason"]) or "",
            who=who,
            view=view,
            data_version=frame.version,
            decided_on=state.get(KEYS["date"]),
            municipality=municipality,
            supersedes=state.get(KEYS["supersedes"]),
            analyst=recorder()[1],
        )
    except decisions.DecisionError as exc:
        state[MESSAGE_KEY] = ("error", t(f"decision.error.{exc.code}", **exc.values))
        return
    except store.StoreError as exc:  # a read-only folder, a full disk, a lost generation
        state[MESSAGE_KEY] = ("error", plain.markdown(exc.text()))
        return
    key = "decision.recorded_against" if recorded.against_evidence else "decision.recorded"
    text = t(
        key,
        id=recorded.decision_id,
        version=recorded.version_id,
        evidence=class_label(recorded.effect_class, frame.lang),
        data_version=recorded.data_version,
    )
    if frame.pinned:
        text += " " + t("decision.recorded_pinned", version=frame.version)
    state[MESSAGE_KEY] = ("success", text)
    state[KEYS["reason"]] = ""
    state[KEYS["supersedes"]] = None


def _form(
    frame: ui.Frame,
    intervention_id: str | None,
    view: str,
    log: list[Decision],
    municipality: str | None,
) -> None:
    """The inputs of a new decision, with the evidence the chosen intervention shows now."""
    if intervention_id is None:
        found = frame.fetch(analytics.effects, version=frame.version, municipality=municipality)
        names = {e.intervention_id: e.name for e in found}
        if not names:
            st.info(t("decision.no_interventions"))
            return
        chosen = st.selectbox(
            t("decision.intervention"),
            list(names),
            format_func=lambda i: f"{i} · {names[i]}",
            key=KEYS["intervention"],
        )
    else:
        chosen = intervention_id
    shown = frame.fetch(analytics.effect, chosen, version=frame.version, municipality=municipality)
    if shown is None:
        st.info(plain.say("decision.unknown_intervention", id=chosen, version=frame.version))
        return
    st.markdown(
        t(
            "decision.evidence_now",
            version=frame.version,
            evidence=plain.markdown(narrative.class_with_strength(shown, frame.lang)),
        )
    )
    left, right = st.columns([2, 1])
    left.radio(
        t("decision.choice"),
        decisions.CHOICES,
        format_func=lambda c: t(f"decision.{c}"),
        horizontal=True,
        index=None,
        key=KEYS["choice"],
    )
    right.date_input(
        t("decision.date"), value=dt.date.today(), key=KEYS["date"], format="DD-MM-YYYY"
    )
    st.text_area(
        t("decision.reason"),
        key=KEYS["reason"],
        max_chars=decisions.REASON_MAX,
        placeholder=t("decision.reason_placeholder"),
    )
    open_ids = [d.decision_id for d in log if d.current and d.intervention_id == chosen]
    if open_ids:
        st.selectbox(
            t("decision.supersedes"),
            [None, *open_ids],
            format_func=lambda i: t("decision.supersedes_none") if i is None else f"#{i}",
            key=KEYS["supersedes"],
            help=t("decision.supersedes_help"),
        )
    who = recorder()[0]
    st.button(
        t("decision.submit", who=who),
        key=KEYS["submit"],
        type="primary",
        on_click=_record,
        args=(frame, intervention_id, view, who, municipality),
    )


def decision_log_panel(
    frame: ui.Frame,
    intervention_id: str | None = None,
    *,
    view: str | None = None,
    municipality: str | None = None,
) -> None:
    """The decision log: record a decision (analysts), list them, export, and — on the
    portfolio — the decisions that went against the evidence shown at the time.

    ``intervention_id``: only that intervention's decisions, and new ones on it. ``view``: the
    view the decision is taken on (default ``portfolio`` or ``intervention``). The evidence is
    that of ``municipality`` (default: home) at ``frame.version``.
    """
    lang = frame.lang
    view = view or ("portfolio" if intervention_id is None else "intervention")
    st.subheader(t("decision.title"))
    st.caption(t("decision.intro"))
    log = frame.fetch(
        decisions.list_decisions, version=frame.version, intervention_id=intervention_id
    )
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message is not None:
        (st.error if message[0] == "error" else st.success)(message[1])
    if not recorder()[1]:
        st.caption(t("decision.analysts_only"))
    elif frame.filters.present is None:  # no forms in presentation mode
        with st.expander(t("decision.new"), expanded=not log):
            _form(frame, intervention_id, view, log, municipality)
    if not log:
        st.info(t("decision.empty", version=frame.version))
        return
    strengths = strengths_shown(frame, log)
    table = decisions_table(log, lang, strengths=strengths)
    st.dataframe(
        class_styler(table, t("decision.col.effect_class", lang), lang),
        hide_index=True,
        key=KEYS["table"],
    )
    st.caption(t("decision.table_caption", version=frame.version))
    st.download_button(
        t("decision.export"),
        decisions.export_csv(log, lang, strengths),
        file_name="decisions.csv",
        mime="text/csv",
        key=KEYS["export"],
        on_click="ignore",
    )
    if intervention_id is None:
        against = decisions.against_the_evidence(log)
        st.subheader(t("decision.against_title"))
        if against:
            st.caption(t("decision.against_caption"))
            st.dataframe(
                class_styler(
                    decisions_table(against, lang, explain=True, strengths=strengths),
                    t("decision.col.effect_class", lang),
                    lang,
                ),
                hide_index=True,
                key=KEYS["against"],
            )
        else:
            st.info(t("decision.against_none"))
