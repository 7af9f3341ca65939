"""User text is always text (issue 10, point 3): every view, rendered on data whose names are
Markdown, KaTeX, Streamlit directives and HTML, shows them as text. No element that Streamlit
renders as Markdown holds a link, image or formatting from data, and no Plotly figure holds
a raw ``<`` from data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import builders
import pytest
from streamlit.testing.v1 import AppTest

from whatworks import demo, plain

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("overview", "spend_vs_effect", "intervention", "programmes", "benchmark", "portfolio")
PAGES += ("settings",)  # the one other view drawn from the data (municipality names)

IMAGE = "![t](https://evil.example/t.png)"
LINK = "[x](javascript:alert(1))"
BOLD = "**b**"
KATEX = "$x$"
COLOUR = ":red[x]"
HTML = "<b>b</b>"
ANCHOR = "<a href=https://evil.example>a</a>"
HOSTILE = (IMAGE, LINK, BOLD, KATEX, COLOUR, HTML, ANCHOR)
TAGS = (HTML, ANCHOR)  # what Plotly interprets
PLAIN_VALUES = ("selectbox", "multiselect", "text_input", "text_area", "number_input")

# Demo names replaced by hostile ones in every demo file (no delimiter or quote in them).
RENAMES = {
    "Youth care": f"Youth care {IMAGE} {HTML}",
    "Family coaching at home": f"Family coaching {LINK} {BOLD} {ANCHOR}",
    "Multisystemic therapy (MST) for adolescents": f"MST {KATEX} {COLOUR}",
    "Brakelveen": f"Brakel {ANCHOR} {BOLD}",
    "inhabitants": f"inhabitants {HTML}",
}


def hostile_files() -> list[tuple[str, bytes, str]]:
    return builders.renamed_demo_files(RENAMES)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = {"home_municipality": demo.HOME_MUNICIPALITY, "default_currency": demo.CURRENCY}
    return builders.database(
        tmp_path_factory.mktemp("hostile") / "w.duckdb", hostile_files(), settings
    )


def markdown_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(element type, text) of everything Streamlit renders as Markdown on the page."""
    stack: list[Any] = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        kind = getattr(node, "type", "")
        if kind in ("plotly_chart", "arrow_data_frame", "dataframe", "table"):
            continue
        for field in ("value", "label", "body", "help", "placeholder"):
            if field == "value" and kind in PLAIN_VALUES:
                continue  # what a widget holds is shown as typed, not as Markdown
            text = getattr(node, field, None) if kind != "text" else None
            if isinstance(text, str):
                yield kind, text
        if kind == "radio":
            for option in getattr(node, "options", []):
                yield kind, str(option)


def figures(at: AppTest) -> list[str]:
    return [json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]


def unescaped(text: str, hostile: tuple[str, ...] = HOSTILE) -> list[str]:
    return [h for h in hostile if h in text]


def test_markdown_escapes_everything_markdown_interprets() -> None:
    for hostile in HOSTILE:
        escaped = plain.markdown(hostile)
        assert hostile not in escaped
        # Every character but letters, digits and spaces is escaped.
        assert escaped.replace("\\", "") == hostile
    assert plain.markdown("a\nb") == "a b"
    assert plain.plotly("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\u202eevil 12", "evil 12"),  # an override from data is left out
        ("a\u2069\u202eb", "ab"),  # so is an isolate's end that would close ours
        ("בית ספר 12", "\u2068בית ספר 12\u2069"),  # right-to-left letters: isolated
        ("\u202bمدرسة_1", "\u2068مدرسة\\_1\u2069"),  # isolated, then escaped
        ("Ærø", "Ærø"),
    ],
)
def test_markdown_cannot_turn_the_sentence_around(name: str, shown: str) -> None:
    # "€ 600 for <name>" must not read "006 €" because of a name's direction marks.
    assert plain.markdown(name) == shown
    sentence = plain.say("data.file_title", "en", name=name)
    assert "\u202e" not in sentence
    assert "\u202b" not in sentence


def test_say_escapes_the_values_not_the_sentence() -> None:
    text = plain.say("data.file_title", "en", name=IMAGE)
    assert IMAGE not in text
    assert "\\!\\[t\\]" in text


@pytest.mark.parametrize("page", PAGES)
def test_every_view_shows_hostile_names_as_text(
    page: str, hostile_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHATWORKS_DB", str(hostile_db))
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
    if page == "intervention":
        at.query_params["intervention"] = "YC-01"
    at.run()
    assert not at.exception
    shown = list(markdown_texts(at))
    assert shown
    leaks = [(kind, text) for kind, text in shown if unescaped(text)]
    assert leaks == []
    for spec in figures(at):
        raw = list(unescaped(spec, TAGS))
        assert raw == [], spec[spec.index(raw[0]) - 300 : spec.index(raw[0]) + 100] if raw else ""


def test_the_data_page_shows_a_hostile_file_name_and_columns_as_text(
    hostile_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHATWORKS_DB", str(hostile_db))
    at = AppTest.from_file(str(ROOT / "views" / "data.py"), default_timeout=60)
    at.run()
    data = f"year;programme;budgeted;{BOLD}\n2024;{IMAGE};1000;{HTML}\n".encode()
    at.file_uploader(key="data_upload").upload(f"{IMAGE}.csv", data, "text/csv").run()
    assert not at.exception
    leaks = [(kind, text) for kind, text in markdown_texts(at) if unescaped(text)]
    assert leaks == []
    # The file name is shown (escaped), not dropped.
    assert any(plain.markdown(IMAGE) in text for _, text in markdown_texts(at))


def test_a_hostile_home_municipality_is_text_on_every_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The home municipality is the one name that comes from the settings, not a data file.
    home = f"Eemsdal {IMAGE} {ANCHOR}"
    files = [
        (k, d.replace(demo.HOME_MUNICIPALITY.encode(), home.encode()), n)
        for k, d, n in hostile_files()
    ]
    db = builders.database(tmp_path / "w.duckdb", files, {"home_municipality": home})
    monkeypatch.setenv("WHATWORKS_DB", str(db))
    for page in (*PAGES, "data"):
        at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
        at.run()
        assert not at.exception, page
        assert [(k, t) for k, t in markdown_texts(at) if unescaped(t)] == [], page
        assert [f for f in figures(at) if unescaped(f, TAGS)] == [], page
