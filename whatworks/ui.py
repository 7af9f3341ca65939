"""What every page shares: the frame, the filters in the URL, cached reads, session state.

The only module outside ``views/`` that imports Streamlit. A page starts with::

    frame = ui.page_frame("overview.title", filters=("year", "programme"))
    table = frame.fetch(analytics.spend_by_class, frame.version, frame.filters.year)

The views live in ``views/``, never in a folder named ``pages/``: beside the main script
that name switches on Streamlit's legacy folder navigation until ``st.navigation`` has run
once, so a fresh server's first request for a deep link (``/spend-vs-effect``) showed
"Page not found" over a blank page, and AppTest ran a page file without the router
(``tests/test_router.py`` keeps it so). ``page_frame`` still sets the page config, draws
the navigation itself from :data:`PAGES` (the built-in menus are off:
``client.showSidebarNavigation = false``, ``st.navigation`` hidden), the language selector,
the shared filters and the freshness line, and re-saves the shared widget keys on every run
so their values survive page switches, so a page file also runs correctly on its own.

Reads: ``store.reader()`` shares one read-only connection per database generation; every
read here takes its own cursor from it (never one shared between threads) on the
generation resolved once at the start of the run, so one run never mixes two loads.
Results are cached with ``st.cache_data`` keyed on the database path, the generation
file and the latest data version: a new load or a restore makes a new generation, so it
shows at once and nothing stale is served.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Concatenate, Final, Literal, ParamSpec, TypeVar

import duckdb
import pandas as pd
import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from streamlit.errors import StreamlitPageNotFoundError

from models import FIRST_YEAR, LAST_YEAR, STAGES, Stage
from whatworks import browse, charts, chrome, exports, i18n, plain, roles, store
from whatworks.analytics import shared
from whatworks.i18n import t

ROOT: Final = Path(__file__).resolve().parents[1]
P = ParamSpec("P")
R = TypeVar("R")

FilterName = Literal["year", "programme", "municipality", "stage"]
FILTER_NAMES: Final[tuple[FilterName, ...]] = ("year", "programme", "municipality", "stage")
Language = Literal["en", "nl", "da", "nb"]


@dataclass(frozen=True)
class PageSpec:
    """One view: its script (relative to the repository root), title key, icon, URL path."""

    path: str
    title_key: str
    icon: str
    url_path: str


# Every view, in menu order; the first is the default page (at "/"). app.py builds the
# router from this list and page_frame the menu, so both always agree.
PAGES: Final[tuple[PageSpec, ...]] = (
    PageSpec("views/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    PageSpec(
        "views/spend_vs_effect.py",
        "nav.spend_vs_effect",
        ":material/bubble_chart:",
        "spend-vs-effect",
    ),
    PageSpec("views/intervention.py", "nav.intervention", ":material/target:", "intervention"),
    PageSpec("views/programmes.py", "nav.programmes", ":material/account_tree:", "programmes"),
    PageSpec("views/benchmark.py", "nav.benchmark", ":material/compare_arrows:", "benchmark"),
    PageSpec("views/portfolio.py", "nav.portfolio", ":material/view_kanban:", "portfolio"),
    PageSpec("views/data.py", "nav.data", ":material/database:", "data"),
    PageSpec("views/settings.py", "nav.settings", ":material/settings:", "settings"),
)

# Session-state keys. The Filters live under FILTERS_KEY (not a widget, so Streamlit never
# drops it); each widget has its own key, set from the Filters before it is drawn.
FILTERS_KEY: Final = "ww_filters"
# What the link asked for that could not be shown, reported once (by page_frame).
IGNORED_KEY: Final = "ww_link_ignored"
PAGE_ICON: Final = ":material/insights:"
# Streamlit's own "Download as CSV" on a table exports its text as is (a cell "=cmd|..." runs
# in a spreadsheet): hidden on every page; each view offers ours, with numbers as numbers, in
# one block (whatworks.downloads); table_download is for a table outside a view's report.
HIDE_TABLE_DOWNLOAD: Final = (
    "<style>[data-testid='stElementToolbar'] button[aria-label^='Download as CSV']"
    "{display:none}</style>"
)
WIDGET_KEYS: Final[dict[str, str]] = {
    "year": "ww_year",
    "programme": "ww_programme",
    "municipality": "ww_municipality",
    "stage": "ww_stage",
    "lang": "ww_lang",
    "version": "ww_pin",
    "present": "ww_present",
}


class Filters(BaseModel):
    """The state a link carries: shared filters, language and an optional pinned version.

    ``None`` means "not chosen": all programmes, the browser's language, the latest data.
    ``intervention`` is the one the Intervention view shows; ``present`` is presentation
    mode (``?present=1``). The field names are the query-parameter names.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    year: int | None = Field(default=None, ge=FIRST_YEAR, le=LAST_YEAR)
    programme: str | None = Field(default=None, min_length=1, max_length=200)
    municipality: str | None = Field(default=None, min_length=1, max_length=200)
    stage: Stage | None = None
    intervention: str | None = Field(default=None, min_length=1, max_length=200)
    lang: Language | None = None
    version: int | None = Field(default=None, ge=1)
    present: Literal["1"] | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Filters:
        """Filters from query parameters; a value that does not validate is left out."""
        accepted = {k: v for k, (v, ok) in cls._checked(params).items() if ok}
        return cls.model_validate(accepted)

    @classmethod
    def rejected(cls, params: Mapping[str, Any]) -> dict[str, str]:
        """The query parameters ``from_params`` leaves out, by name, with their raw value."""
        return {k: v for k, (v, ok) in cls._checked(params).items() if not ok}

    @classmethod
    def _checked(cls, params: Mapping[str, Any]) -> dict[str, tuple[str, bool]]:
        """Each given field's raw value (the last when repeated) and whether it validates."""
        checked: dict[str, tuple[str, bool]] = {}
        for name in cls.model_fields:
            raw = params.get(name)
            if isinstance(raw, list | tuple):
                raw = raw[-1] if raw else None
            if raw is None or not str(raw).strip():
                continue
            try:
                cls.model_validate({name: str(raw)})
            except ValidationError:
                checked[name] = (str(raw), False)
            else:
                checked[name] = (str(raw), True)
        return checked

    def to_params(self) -> dict[str, str]:
        """The query parameters for these filters (unset ones left out)."""
        return {k: str(v) for k, v in self.model_dump().items() if v is not None}

    def with_(self, **changes: Any) -> Filters:
        """A copy with some fields changed, validated."""
        return type(self).model_validate({**self.model_dump(), **changes})


@dataclass(frozen=True)
class Frame:
    """What a page knows after ``page_frame``: where the data is and what to show."""

    db: Path
    generation: Path
    latest: int  # the newest data version (0: an empty database)
    version: int  # the version shown: the pinned one, else the latest
    pinned: bool
    lang: str
    filters: Filters

    def fetch(
        self,
        fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """``fn(cursor, *args, **kwargs)`` on this run's generation, cached.

        Arguments must be hashable by ``st.cache_data`` (numbers, strings, tuples, ...).
        """
        key = f"{fn.__module__}.{fn.__qualname__}"
        result: R = _cached_fetch(
            str(self.db),
            str(self.generation),
            self.latest,
            fn_key=key,
            args=args,
            kwargs=tuple(sorted(kwargs.items())),
            _fn=fn,
        )
        return result

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """A named query (``queries/<name>.sql``) with bound parameters, as a DataFrame."""
        return self.fetch(_query_frame, name, tuple(sorted(params.items())))


def _query_frame(
    con: duckdb.DuckDBPyConnection, name: str, params: tuple[tuple[str, Any], ...]
) -> pd.DataFrame:
    return store.run(con, name, dict(params)).df()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_fetch(
    db: str,
    generation: str,
    data_version: int,
    *,
    fn_key: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    _fn: Callable[..., Any],
) -> Any:
    """The cache behind ``Frame.fetch``; ``_fn`` is named by ``fn_key`` (not hashed)."""
    del db, data_version, fn_key  # part of the cache key only
    # A generation file is never written again: what a figure reads alike for every year
    # (each scope's effects) is kept for the next read of it (whatworks.analytics.shared).
    with store.reader(Path(generation)) as cur, shared.immutable_file(Path(generation)):
        return _fn(cur, *args, **dict(kwargs))


# --------------------------------------------------------------------------- state


def db_path() -> Path:
    """The database path (``WHATWORKS_DB`` or ``data/whatworks.duckdb``)."""
    return store.default_db()


def data_version() -> int | None:
    """The newest data version, or ``None`` when there is no database."""
    try:
        with store.reader(db_path()) as cur:
            return store.latest_version(cur)
    except store.StoreError:
        return None


def current_filters() -> Filters:
    """This session's filters: from the URL on the first run, then from session state."""
    state = st.session_state
    if FILTERS_KEY not in state:
        params = st.query_params.to_dict()
        state[FILTERS_KEY] = Filters.from_params(params)
        state[IGNORED_KEY] = Filters.rejected(params)
    filters: Filters = state[FILTERS_KEY]
    # The URL mirrors the filters after every run, so an intervention in the URL that differs
    # from the session's means a link to one intervention was followed in this session.
    linked = Filters.from_params({"intervention": st.query_params.get("intervention")})
    if linked.intervention is not None and linked.intervention != filters.intervention:
        filters = filters.with_(intervention=linked.intervention)
        state[FILTERS_KEY] = filters
    return filters


def set_filters(filters: Filters) -> None:
    """Keep new filters in session state and in the URL."""
    st.session_state[FILTERS_KEY] = filters
    mirror_to_url(filters)


def mirror_to_url(filters: Filters) -> None:
    """Write the filters to ``st.query_params``; other query parameters are left alone."""
    wanted = filters.to_params()
    for name in Filters.model_fields:
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def language() -> str:
    """The language of this run: chosen (in the link or the selector), else the browser's."""
    chosen = current_filters().lang
    if chosen:
        return chosen
    browser = st.context.locale
    if browser and i18n.normalise_language(browser) == browser.replace("_", "-").split("-")[0]:
        return i18n.normalise_language(browser)  # one of ours (nl-NL, da, nb-NO, no, en-GB ...)
    return _default_language()


def _default_language() -> str:
    """The analyst's default language (Settings), for browsers that ask for none of ours."""
    try:
        generation = store.current_generation(db_path())
    except store.StoreError:
        return i18n.DEFAULT_LANGUAGE  # the frame says what is wrong
    if generation is None:
        return i18n.DEFAULT_LANGUAGE
    return _settings_language(str(generation))


@st.cache_data(show_spinner=False, max_entries=8)
def _settings_language(generation: str) -> str:
    try:
        with store.reader(Path(generation)) as cur:
            saved = store.settings(cur).get("language")
    except (store.StoreError, duckdb.Error):
        return i18n.DEFAULT_LANGUAGE
    return i18n.normalise_language(saved)


# The option "all" (programme, stage) or "the home municipality" in a filter selectbox: a
# real value, so the box shows its label instead of Streamlit's empty placeholder.
ANY: Final = "*"


def _on_widget_change(name: str) -> None:
    """A shared widget changed: copy its value into the Filters (runs before the script)."""
    value = st.session_state[WIDGET_KEYS[name]]
    set_filters(current_filters().with_(**{name: None if value == ANY else value}))


def _on_present_change() -> None:
    on = bool(st.session_state[WIDGET_KEYS["present"]])
    set_filters(current_filters().with_(present="1" if on else None))


def _leave_presentation() -> None:
    set_filters(current_filters().with_(present=None))


def _on_pin_change(version: int) -> None:
    pinned = bool(st.session_state[WIDGET_KEYS["version"]])
    set_filters(current_filters().with_(version=version if pinned else None))


# --------------------------------------------------------------------------- the frame


def page_frame(title_key: str, *, filters: Sequence[FilterName] = (), edits: bool = False) -> Frame:
    """Draw what every page has and return what it needs; call it first on every page.

    Renders the sidebar (language, presentation mode, the requested ``filters``, the version
    pin), the title and the freshness line. Without a database it says how to make one and
    stops the page. In presentation mode the sidebar is hidden, type is large, the title
    names the filters and the data version, and a page that ``edits`` is not shown.
    """
    lang = i18n.set_language(language())
    st.set_page_config(page_title=t("app.title"), page_icon=PAGE_ICON, layout="wide")
    presenting = current_filters().present is not None
    charts.set_presenting(presenting)
    _document_head(lang, presenting=presenting)
    menu = st.sidebar.container()
    _language_selector(lang)
    _presentation_toggle(presenting)
    st.html(HIDE_TABLE_DOWNLOAD)
    roles.exposure_warning()
    db = db_path()
    try:
        generation = store.current_generation(db)
        if generation is not None:
            with store.reader(generation) as cur:
                latest = store.latest_version(cur)
    except store.StoreError as exc:  # lost, not ours, unreadable: what and what to do
        st.title(t(title_key))
        st.error(
            plain.say(f"problem.store.{exc.code}", lang, **exc.values)
            if exc.code
            else plain.markdown(str(exc))
        )
        st.stop()
    except duckdb.Error as exc:
        st.title(t(title_key))
        st.error(plain.say("frame.database_error", error=str(exc)))
        st.stop()
    if generation is None:
        with menu:
            navigation_menu(current_filters())
        st.title(t(title_key))
        st.info(plain.say("frame.no_database", path=str(db)))
        st.stop()
    chosen = current_filters()
    ignored: dict[str, str] = st.session_state.pop(IGNORED_KEY, None) or {}
    stale_version = (
        chosen.version if chosen.version is not None and chosen.version > latest else None
    )
    if stale_version is not None:
        chosen = chosen.with_(version=None)
    version = chosen.version or latest
    frame = Frame(db, generation, latest, version, chosen.version is not None, lang, chosen)
    frame = _filter_widgets(frame, filters, ignored)
    set_filters(frame.filters)
    with menu:
        navigation_menu(frame.filters)
    if presenting:
        st.title(plain.markdown(presentation_title(frame, title_key, filters)))
        st.button(
            t("frame.present_leave"),
            key="ww_present_leave",
            icon=":material/close_fullscreen:",
            type="tertiary",
            on_click=_leave_presentation,
        )
        if edits:
            st.info(t("frame.present_no_edits"))
            st.stop()
    else:
        st.title(t(title_key))
        st.caption(freshness_line(frame))
    if stale_version is not None:
        st.warning(t("frame.version_unknown", version=stale_version, latest=latest))
    if ignored:
        st.warning(plain.markdown(link_notice(ignored, lang)), icon=":material/link_off:")
    if latest == 0:
        st.info(t("frame.empty_database"))
    return frame


def table_download(table: pd.DataFrame | Any, *, key: str, file_name: str) -> None:
    """Our download of a shown table: a CSV with every formula-like text neutralised."""
    st.download_button(
        t("widgets.download_table"),
        data=partial(exports.table_csv, table),
        file_name=f"{file_name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/download:",
    )


def navigation_menu(filters: Filters) -> None:
    """Links to every view, carrying the filters (so a link opened in a new tab keeps them)."""
    params = filters.to_params()
    for spec in PAGES:
        try:
            st.page_link(spec.path, label=t(spec.title_key), icon=spec.icon, query_params=params)
        except StreamlitPageNotFoundError:
            # Only a script outside this app (a test's own script) gets here: no menu.
            return


# Presentation mode: no sidebar or Streamlit header, large type, black on white, full width.
# Streamlit sizes its type in rem, so the root font size scales the whole page.
PRESENT_CSS: Final = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: 19px; }
@media (min-width: 1600px) { html { font-size: 23px; } }
[data-testid="stApp"], [data-testid="stMain"] { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1.25rem 2.5rem 2rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *,
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
[data-testid="stMetricDelta"] * { color: #000000 !important; opacity: 1 !important; }
[data-testid="stMain"] h1 { padding-top: 0; }
"""


# Printing a view (the browser's Print, or Save as PDF): no sidebar, header, toolbars or
# download block, the main column at the page's full width, A4. A Plotly chart keeps the
# width it was drawn at, so each is scaled down by CSS zoom to the printed column (the
# widest drawn on a 1920 px screen fits A4 portrait at 0.42); it carries no user data.
PRINT_CSS: Final = """
@page { size: A4; margin: 12mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stElementToolbar"], [data-testid="stDownloadButton"],
  [class*="st-key-"][class*="_export"], .modebar-container { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stPlotlyChart"] { max-width: 100% !important; overflow: hidden; }
  [data-testid="stPlotlyChart"] .js-plotly-plot { zoom: var(--ww-print-zoom, 1); }
  [data-testid="stVerticalBlock"] > div { break-inside: avoid; }
  [data-testid="stPageLink"] * { white-space: normal !important; }
}
"""
PRINT_SCRIPT: Final = """<script>
// Before printing, scale each chart to the printed column (A4 at 96 px per inch, 12 mm margins).
window.addEventListener("beforeprint", () => {
  const column = 718;
  document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot').forEach((plot) => {
    const width = plot.getBoundingClientRect().width;
    plot.style.setProperty("--ww-print-zoom", width > column ? String(column / width) : "1");
  });
});
</script>"""

HEAD_KEY: Final = "ww_document_head"
HIDE_HEAD_CSS: Final = (
    f'[data-testid="stLayoutWrapper"]:has(> .st-key-{HEAD_KEY}), .st-key-{HEAD_KEY} '
    "{ display: none !important; }"
)


def _document_head(lang: str, *, presenting: bool) -> None:
    """Set ``<html lang>`` to the run's language (WCAG 3.1.1) and, presenting, the styles.

    Streamlit serves one page with ``lang="en"``; the script sets the attribute in the
    browser on every language change. ``lang`` is one of our four codes, never user text.
    """
    # Styles alone take no room on the page; the script's element is hidden with its wrapper,
    # so the title does not move down by a gap.
    style = HIDE_HEAD_CSS + PRINT_CSS + chrome.css() + (PRESENT_CSS if presenting else "")
    st.html(f"<style>{style}</style>")
    with st.container(key=HEAD_KEY):
        script = (
            f"<script>document.documentElement.lang = {json.dumps(lang)};"
            f"{chrome.script(lang)}</script>"
        )
        st.html(script + PRINT_SCRIPT, unsafe_allow_javascript=True)


def _presentation_toggle(presenting: bool) -> None:
    key = WIDGET_KEYS["present"]
    st.session_state[key] = presenting  # re-saved every run
    st.sidebar.toggle(
        t("frame.present"),
        key=key,
        help=t("frame.present_help"),
        on_change=_on_present_change,
    )


def presentation_title(frame: Frame, title_key: str, names: Sequence[FilterName]) -> str:
    """The view's title with its chosen filters and the data version: for a shared screen."""
    parts = [t(title_key)]
    for name in names:
        value = getattr(frame.filters, name)
        if value is not None:
            parts.append(t(f"stage.{value}") if name == "stage" else str(value))
    parts.append(t("frame.version_line", version=frame.version))
    return " · ".join(parts)


def _language_selector(lang: str) -> None:
    key = WIDGET_KEYS["lang"]
    st.session_state[key] = lang  # re-saved every run: survives page switches
    st.sidebar.selectbox(
        t("frame.language"),
        i18n.LANGUAGES,
        format_func=i18n.LANGUAGE_NAMES.__getitem__,
        key=key,
        on_change=_on_widget_change,
        args=("lang",),
    )


def _filter_widgets(
    frame: Frame, names: Sequence[FilterName], ignored: dict[str, str] | None = None
) -> Frame:
    """The requested shared filters and the version pin, in the sidebar.

    A filter value the data does not hold falls back to the default and is added to
    ``ignored`` (name -> the value asked for), for the link notice.
    """
    filters = frame.filters
    sidebar = st.sidebar
    if names:
        options = frame.fetch(browse.filter_options, frame.version)
        sidebar.subheader(t("frame.filters"))
        for name in FILTER_NAMES:
            if name not in names:
                continue
            choices: list[Any] = list(STAGES) if name == "stage" else options[name]
            value = getattr(filters, name)
            if value is not None and value not in choices and ignored is not None:
                ignored[name] = str(value)
            if name == "year":
                # A year is always chosen: the newest by default.
                if value not in choices:
                    value = choices[0] if choices else None
            elif value not in choices:
                value = None
            if name != "year":
                choices = [ANY, *choices]
            filters = filters.with_(**{name: value})
            # re-saved every run
            st.session_state[WIDGET_KEYS[name]] = ANY if value is None else value
            sidebar.selectbox(
                t(f"frame.{name}"),
                choices,
                format_func=_option_label(name, frame.lang, (options["home"] or [None])[0]),
                key=WIDGET_KEYS[name],
                on_change=_on_widget_change,
                args=(name,),
            )
    if frame.latest > 0:
        st.session_state[WIDGET_KEYS["version"]] = frame.pinned
        sidebar.toggle(
            t("frame.pin", version=frame.version),
            key=WIDGET_KEYS["version"],
            help=t("frame.pin_help"),
            on_change=_on_pin_change,
            args=(frame.version,),
        )
    return Frame(
        frame.db,
        frame.generation,
        frame.latest,
        frame.version,
        frame.pinned,
        frame.lang,
        filters,
    )


def _option_label(name: str, lang: str, home: Any = None) -> Callable[[Any], str]:
    # The language is bound here: Streamlit may call a format_func outside the script run.
    def label(value: Any) -> str:
        if value in (None, ANY):
            if name == "municipality":
                return (
                    t("frame.home_municipality", lang, name=home) if home else t("frame.all", lang)
                )
            return t("frame.all", lang)
        if name == "stage":
            return t(f"stage.{value}", lang)
        return str(value)

    return label


# The words for each query parameter in a link notice.
_PARAMETER_LABELS: Final[dict[str, str]] = {
    "year": "frame.year",
    "programme": "frame.programme",
    "municipality": "frame.municipality",
    "stage": "frame.stage",
    "intervention": "frame.link_intervention",
    "lang": "frame.language",
    "version": "frame.link_version",
    "present": "frame.present",
}
_NOTICE_VALUE_CHARS: Final = 60


def link_notice(ignored: Mapping[str, str], lang: str | None = None) -> str:
    """Plain text naming each link value that was ignored: ``Year “1800”, Stage “bogus”``."""
    items = []
    for name, value in ignored.items():
        shown = value if len(value) <= _NOTICE_VALUE_CHARS else value[:_NOTICE_VALUE_CHARS] + "…"
        items.append(
            t("frame.link_item", lang, parameter=t(_PARAMETER_LABELS[name], lang), value=shown)
        )
    return t("frame.link_ignored", lang, items=", ".join(items))


def freshness_line(frame: Frame) -> str:
    """Which data version is shown, and how long ago each source was loaded."""
    if frame.pinned:
        parts = [t("frame.version_pinned", version=frame.version, latest=frame.latest)]
    else:
        parts = [t("frame.version_line", version=frame.version)]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored as UTC
    for kind, loaded_at in frame.fetch(browse.latest_loads, frame.version).items():
        source = t(f"kind.{kind}")
        if loaded_at is None:
            parts.append(t("frame.source_never", source=source))
        else:
            parts.append(t("frame.source_age", source=source, age=i18n.format_age(now - loaded_at)))
    return " · ".join(parts)


__all__ = [
    "FILTERS_KEY",
    "FILTER_NAMES",
    "PAGES",
    "PAGE_ICON",
    "ROOT",
    "WIDGET_KEYS",
    "FilterName",
    "Filters",
    "Frame",
    "PageSpec",
    "current_filters",
    "data_version",
    "db_path",
    "freshness_line",
    "language",
    "link_notice",
    "mirror_to_url",
    "navigation_menu",
    "page_frame",
    "presentation_title",
    "set_filters",
]
