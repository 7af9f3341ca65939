"""Grammar through the catalogue: plural forms agree with their number, in every language, and
a sentence never names the "largest share" of nothing.

Expected sentences are written out by hand.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from whatworks import narrative
from whatworks.analytics.figures import Share, SpendSplit
from whatworks.charts import EFFECT_CLASSES
from whatworks.i18n import LANGUAGES, catalogue, t
from whatworks.i18n.catalogue import plural_form

CLI_SOURCE = Path(__file__).resolve().parents[1] / "whatworks" / "cli.py"

# Catalogue texts whose count is never 1 by construction (the note on sheets is written only
# for a workbook of several; limits and truncated lists are large; {k} is a method constant).
NEVER_ONE = {
    "note.sheets",
    "problem.unreadable.too_many_cells",
    "problem.unreadable.too_many_columns",
    "data.preview_caption",
    "data.report_truncated",
    "strength.reason_few_pre",
    "strength.reason_parallel",
}


@pytest.mark.parametrize(
    ("number", "form"),
    [(1, "one"), ("1", "one"), ("+1", "one"), ("\u22121", "one"), ("-1", "one"),
     (0, "other"), (2, "other"), ("11", "other"), ("1.0", "other"), ("1,5", "other"),
     ("21", "other"), (None, "other")],
)  # fmt: skip
def test_plural_form_is_one_only_for_exactly_one(number: object, form: str) -> None:
    assert plural_form(number) == form


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "1 municipality: A", "2 municipalities: A, B"),
        ("nl", "1 gemeente: A", "2 gemeenten: A, B"),
        ("da", "1 kommune: A", "2 kommuner: A, B"),
        ("nb", "1 kommune: A", "2 kommuner: A, B"),
    ],
)
def test_a_plural_key_agrees_with_its_count(lang: str, one: str, two: str) -> None:
    assert t("data.health_places", lang, count=1, names="A") == one
    assert t("data.health_places", lang, count=2, names="A, B") == two


def test_a_plural_key_agrees_with_n_when_there_is_no_count() -> None:
    assert t("effects.points", "en", n="1") == "1 percentage point"
    assert t("effects.points", "en", n="+1") == "+1 percentage point"
    assert t("effects.points", "en", n="1.5") == "1.5 percentage points"
    assert t("cb.successes", "nl", n="1", cost="€ 5.000") == (
        "Ongeveer 1 extra succes per jaar, voor € 5.000 per extra succes."
    )


def test_one_indicator_compared_is_singular() -> None:
    values = {"home": "Eemsdal", "better": 1, "of": 1, "year": 2025}
    assert t("bench.sentence_outcomes", "en", count=1, **values) == (
        "In 2025, Eemsdal does better than the peers' median on 1 of 1 indicator."
    )
    assert t("bench.sentence_outcomes", "nl", count=3, **{**values, "of": 3}) == (
        "In 2025 doet Eemsdal het beter dan de mediaan van de andere gemeenten op 1 van de 3 "
        "indicatoren."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plural_key_has_both_forms(lang: str) -> None:
    texts = catalogue(lang)
    bases = {k.rsplit(".", 1)[0] for k in texts if k.endswith((".one", ".other"))}
    incomplete = sorted(b for b in bases if not {f"{b}.one", f"{b}.other"} <= texts.keys())
    assert incomplete == []
    assert not bases & texts.keys()  # a plural is never also a plain key


def test_no_english_count_is_followed_by_a_plural_noun_outside_a_plural_key() -> None:
    """'{n} interventions' in a plain key reads '1 interventions' for one: use key.one/.other."""
    found = {
        key: text
        for key, text in catalogue("en").items()
        if not key.endswith((".one", ".other"))
        and key not in NEVER_ONE
        and re.search(r"\{(count|n|k|of|total|shown)\} (?:[\w-]+ )?[a-z]+s\b", text)
    }
    assert found == {}


def _split(works: float, not_measured: float) -> SpendSplit:
    """Two programmes of 1000 each; ``works`` and ``not_measured`` shares of Youth care."""
    zero = Share(Decimal(0), 0.0)

    def of(**shares: float) -> dict[str, Share]:
        return {
            c: Share(Decimal(round(shares[c] * 1000)), shares[c]) if c in shares else zero
            for c in EFFECT_CLASSES
        }

    youth = of(works=works, not_measured=not_measured, inconclusive=1 - works - not_measured)
    work = of(inconclusive=1.0)
    return SpendSplit(
        year=2025,
        municipality=None,
        currency="EUR",
        total_actual=Decimal(2000),
        unattributed_actual=Decimal(0),
        by_key={c: Share(Decimal(0), None) for c in EFFECT_CLASSES},
        by_programme={"Work": work, "Youth care": youth},
        programme_totals={"Work": Decimal(1000), "Youth care": Decimal(1000)},
    )


def test_the_programme_sentence_names_the_programmes_with_a_share() -> None:
    assert narrative.programme_sentence(_split(0.6, 0.25), "en") == (
        "Youth care has the largest share of its spend on interventions shown to work (60%). "
        "Youth care has the largest share not measured (25%)."
    )


def test_the_programme_sentence_says_so_when_nothing_works_or_all_is_measured() -> None:
    assert narrative.programme_sentence(_split(0.0, 0.0), "nl") == (
        "Geen enkel programma besteedt geld aan interventies die aantoonbaar werken. "
        "Elk programma meet het effect van al zijn uitgaven."
    )
    sentence = narrative.programme_sentence(_split(0.0, 0.4), "en")
    assert sentence == (
        "No programme spends anything on interventions shown to work. "
        "Youth care has the largest share not measured (40%)."
    )
    assert "(0%)" not in sentence


@pytest.mark.parametrize(
    ("lang", "one", "three"),
    [
        ("en", "ignored 1 empty row", "ignored 3 empty rows"),
        ("nl", "1 lege rij genegeerd", "3 lege rijen genegeerd"),
        ("da", "ignorerede 1 tom række", "ignorerede 3 tomme rækker"),
        ("nb", "ignorerte 1 tom rad", "ignorerte 3 tomme rader"),
    ],
)
def test_a_file_report_counts_rows_without_row_s(lang: str, one: str, three: str) -> None:
    assert t("note.empty_rows", lang, count=1) == one
    assert t("note.empty_rows", lang, count=3) == three


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "loaded as version 3: 1 row inserted, 0 replaced",
         "loaded as version 3: 2 rows inserted, 0 replaced"),
        ("nl", "geladen als versie 3: 1 rij toegevoegd, 0 vervangen",
         "geladen als versie 3: 2 rijen toegevoegd, 0 vervangen"),
        ("da", "indlæst som version 3: 1 række tilføjet, 0 erstattet",
         "indlæst som version 3: 2 rækker tilføjet, 0 erstattet"),
        ("nb", "lastet inn som versjon 3: 1 rad lagt til, 0 erstattet",
         "lastet inn som versjon 3: 2 rader lagt til, 0 erstattet"),
    ],
)  # fmt: skip
def test_the_command_line_s_counts_agree_with_their_number(lang: str, one: str, two: str) -> None:
    assert t("cli.loaded", lang, count=1, version=3, replaced=0) == one
    assert t("cli.loaded", lang, count=2, version=3, replaced=0) == two


def _cli_texts() -> list[tuple[int, str]]:
    """(line, text) of every string constant the command line prints or says in an error:
    the arguments of ``typer.echo`` and ``_usage``, f-strings included."""
    tree = ast.parse(CLI_SOURCE.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = ast.unparse(call.func)
        if name not in ("typer.echo", "_usage"):
            continue
        for argument in call.args:
            found.extend(_texts(argument))
    return found


def _texts(node: ast.AST) -> list[tuple[int, str]]:
    """The string constants of an expression that reach the reader: not a catalogue key
    (the first argument of ``say`` or ``t``), a key looked up (``row["name"]``) or a format."""
    if isinstance(node, ast.Constant):
        return [(node.lineno, node.value)] if isinstance(node.value, str) else []
    if isinstance(node, ast.Call) and ast.unparse(node.func) in ("say", "t", "i18n.t"):
        parts = [*node.args[1:], *(k.value for k in node.keywords)]
        return [text for part in parts for text in _texts(part)]
    if isinstance(node, ast.Subscript):
        return _texts(node.value)
    if isinstance(node, ast.FormattedValue):  # not its format (%Y-%m-%d, <22)
        return _texts(node.value)
    return [text for child in ast.iter_child_nodes(node) for text in _texts(child)]


def test_the_command_line_prints_no_words_of_its_own() -> None:
    """Its sentences are catalogue keys (``cli.*``), so no "row(s)": only spacing and
    punctuation are written in whatworks/cli.py."""
    texts = _cli_texts()
    assert len(texts) > 10  # the check sees the printed text
    assert [(line, text) for line, text in texts if re.search(r"[A-Za-z]", text)] == []


def test_every_key_the_command_line_says_is_in_every_catalogue() -> None:
    keys = set(re.findall(r"\bsay\(\s*\"([a-z_]+)\"", CLI_SOURCE.read_text(encoding="utf-8")))
    assert len(keys) > 30
    for lang in LANGUAGES:
        texts = catalogue(lang)
        missing = [k for k in keys if f"cli.{k}" not in texts and f"cli.{k}.other" not in texts]
        assert missing == [], lang


def test_the_command_line_s_texts_take_the_same_values_in_every_language() -> None:
    """And none named like t()'s own arguments (``lang``, ``key``), which it could not fill."""

    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)[}:!]", text))

    english = {k: fields(v) for k, v in catalogue("en").items() if k.startswith("cli.")}
    assert english
    assert [k for k, names in english.items() if names & {"lang", "key"}] == []
    for lang in LANGUAGES:
        texts = catalogue(lang)
        assert {k: fields(texts[k]) for k in english} == english, lang
