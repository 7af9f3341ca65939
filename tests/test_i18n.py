"""Catalogues are complete and consistent; locale formats are exactly what each country writes."""

from __future__ import annotations

import ast
import datetime as dt
import string
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from models import EVIDENCE_LEVELS, STAGES, Kind
from whatworks import analytics, browse, charts, ui
from whatworks.analytics.cost_benefit import PAYS_OFF
from whatworks.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    catalogue,
    current_language,
    format_age,
    format_date,
    format_money,
    format_money_short,
    format_number,
    format_percent,
    set_language,
    t,
)

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"
OTHERS = [lang for lang in LANGUAGES if lang != "en"]

# Files whose t("...") calls are checked against every catalogue.
# Every page and every module of the package: a key used anywhere must exist in all languages.
SCANNED = [*sorted((ROOT / "views").glob("*.py")), ROOT / "app.py"]
SCANNED += sorted((ROOT / "whatworks").rglob("*.py"))
# Calls whose first argument is a translation key: t("key", ...), page_frame("title.key").
KEY_FUNCTIONS = {"t", "page_frame"}


def keys_used(path: Path) -> set[str]:
    """The literal keys passed to t() or page_frame() in a file (docstrings are not code)."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in KEY_FUNCTIONS and isinstance(first, ast.Constant):
            keys.add(str(first.value))
    return keys


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_languages_are_the_four_we_support() -> None:
    assert LANGUAGES == ("en", "nl", "da", "nb")
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_key_is_in_every_catalogue(lang: str) -> None:
    english, other = set(catalogue("en")), set(catalogue(lang))
    assert sorted(english - other) == [], f"missing from {lang}"
    assert sorted(other - english) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", OTHERS)
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    english = catalogue("en")
    wrong = {
        key: (placeholders(english[key]), placeholders(text))
        for key, text in catalogue(lang).items()
        if placeholders(text) != placeholders(english[key])
    }
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_a_non_empty_string(lang: str) -> None:
    assert all(isinstance(v, str) and v.strip() for v in catalogue(lang).values())


@pytest.mark.parametrize("lang", OTHERS)
def test_catalogues_are_translations_not_english_copies(lang: str) -> None:
    english = catalogue("en")
    same = [k for k, v in catalogue(lang).items() if v == english[k] and " " in v]
    assert same == []


def test_every_key_used_in_pages_and_ui_exists_in_every_catalogue() -> None:
    used = set().union(*(keys_used(path) for path in SCANNED))
    assert "data.title" in used  # the scan finds keys at all
    # A plural key stands in the catalogue as key.one and key.other (t picks the form).
    missing = {
        (lang, key)
        for lang in LANGUAGES
        for key in used
        if key not in catalogue(lang)
        and not {f"{key}.one", f"{key}.other"} <= catalogue(lang).keys()
    }
    assert missing == set()


def test_keys_built_from_values_exist_in_every_catalogue() -> None:
    families = {
        "kind": [*(k.value for k in Kind), "all"],
        "stage": STAGES,
        "evidence": EVIDENCE_LEVELS,
        "effect": charts.EFFECT_CLASSES,
        "method": analytics.METHODS,
        "pays_off": (*PAYS_OFF, "cause_unknown"),
        "action": browse.VERSION_ACTIONS,
        "col": browse.VERSION_COLUMNS,
        "frame": ui.FILTER_NAMES,
    }
    keys = {f"{family}.{value}" for family, values in families.items() for value in values}
    missing = {(lang, key) for lang in LANGUAGES for key in keys if key not in catalogue(lang)}
    assert missing == set()


def test_t_fills_placeholders_in_the_language_asked() -> None:
    assert t("frame.version_line", "nl", version=7) == "Dataversie 7"
    assert t("frame.version_line", "nb-NO", version=7) == "Dataversjon 7"


def test_unknown_language_falls_back_to_english() -> None:
    assert t("frame.year", "fr") == "Year"
    assert t("frame.year", "no") == "År"  # Norwegian without variant: bokmål


def test_missing_key_fails_loudly() -> None:
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        t("no.such.key", "nl")


def test_language_of_a_run_is_per_thread() -> None:
    set_language("da")
    seen: list[str] = []
    worker = threading.Thread(target=lambda: seen.append(current_language()))
    worker.start()
    worker.join()
    assert (current_language(), seen) == ("da", ["en"])
    assert t("frame.year") == "År"
    set_language("en")


AMOUNT = Decimal("1234567.89")


@pytest.mark.parametrize(
    ("lang", "currency", "expected"),
    [
        ("en", "EUR", "€1,234,567.89"),
        ("nl", "EUR", f"€{NBSP}1.234.567,89"),
        ("da", "DKK", f"1.234.567,89{NBSP}kr."),
        ("nb", "NOK", f"1{NBSP}234{NBSP}567,89{NBSP}kr"),
        ("en", "DKK", "DKK1,234,567.89"),
    ],
)
def test_money_is_formatted_as_each_country_writes_it(
    lang: str, currency: str, expected: str
) -> None:
    assert format_money(AMOUNT, currency, lang) == expected


def test_negative_money_keeps_the_locale_sign_position() -> None:
    assert format_money(-AMOUNT, "EUR", "nl") == f"€{NBSP}-1.234.567,89"
    assert format_money(-AMOUNT, "EUR", "en") == "-€1,234,567.89"


@pytest.mark.parametrize(
    ("lang", "currency", "amount", "expected"),
    [
        ("en", "EUR", Decimal("12400000"), "€12.4M"),
        ("nl", "EUR", Decimal("12400000"), f"€{NBSP}12,4{NBSP}mln"),
        ("da", "DKK", Decimal("12400000"), f"12,4{NBSP}mio.{NBSP}kr."),
        ("nb", "NOK", Decimal("12400000"), f"12,4{NBSP}mill.{NBSP}kr"),
        ("en", "EUR", Decimal("2345000000"), "€2.3bn"),
        ("nl", "EUR", Decimal("2345000000"), f"€{NBSP}2,3{NBSP}mld"),
        ("en", "EUR", Decimal("450123.40"), "€450,123"),
        ("nl", "EUR", Decimal("450123.40"), f"€{NBSP}450.123"),
        ("en", "EUR", Decimal("123456789"), "€123M"),
        ("en", "EUR", Decimal("999960"), "€1M"),
        ("en", "EUR", Decimal("-12400000"), "-€12.4M"),
        ("nl", "EUR", Decimal("-12400000"), f"€{NBSP}-12,4{NBSP}mln"),
        ("en", "EUR", 9_100_000.0, "€9.1M"),
        ("en", "EUR", Decimal("750252.50"), "€750,253"),  # half up below a million too
    ],
)
def test_short_money_for_tiles_and_sentences(
    lang: str, currency: str, amount: Decimal | float, expected: str
) -> None:
    assert format_money_short(amount, currency, lang) == expected


@pytest.mark.parametrize(
    ("lang", "share", "decimals", "expected"),
    [
        ("en", 0.384, 0, "38%"),
        ("nl", 0.384, 0, "38%"),
        ("da", 0.384, 0, f"38{NBSP}%"),
        ("nb", 0.3846, 1, f"38,5{NBSP}%"),
        ("en", 0.285, 0, "29%"),  # half up, not to even (28%) nor cut
        ("nl", 0.0125, 1, "1,3%"),
    ],
)
def test_percentages(lang: str, share: float, decimals: int, expected: str) -> None:
    assert format_percent(share, lang, decimals) == expected


def test_numbers_and_dates() -> None:
    assert format_number(1234567.5, "nl") == "1.234.567,5"
    assert format_number(1234567.5, "nb") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(3, "da", decimals=2) == "3,00"
    # Half up everywhere (as short money always did); babel alone rounds half to even.
    assert format_number(Decimal("2.5"), "en", decimals=0) == "3"
    assert format_number(6.85, "nl", decimals=1) == "6,9"
    assert format_date(dt.date(2025, 3, 7), "en") == "7 Mar 2025"
    assert format_date(dt.date(2025, 3, 7), "nl") == "7 mrt 2025"
    assert format_date(dt.date(2025, 3, 7), "da") == "7. mar. 2025"
    assert format_date(dt.date(2025, 3, 7), "nb") == "7. mars 2025"


def test_ages_read_as_time_ago() -> None:
    assert format_age(dt.timedelta(days=3), "en") == "3 days ago"
    assert format_age(dt.timedelta(days=3), "nl") == "3 dagen geleden"
    assert format_age(dt.timedelta(days=3), "da") == "for 3 dage siden"
    assert format_age(dt.timedelta(0), "en") == "1 second ago"
