"""Settings: one validated declaration, refused when wrong, versioned with the data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from whatworks import analytics, browse, ingest, store
from whatworks.cli import app
from whatworks.settings import SETTINGS, Settings, SettingsError

BUDGET_A_AND_B = (
    "jaar;programma;gemeente;realisatie\n2025;Jeugd;Aadorp;100\n2025;Jeugd;Beekdal;900\n"
)


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _rows(db: Path, version: int) -> list[tuple[str, str]]:
    with store.reader(db) as con:
        return [
            (str(k), str(v)) for k, v in store.run(con, "settings", {"version": version}).fetchall()
        ]


# --------------------------------------------------------------------------- the declaration


def test_the_declaration_lists_every_setting_with_type_default_and_help() -> None:
    assert [(s.name, s.default) for s in SETTINGS] == [
        ("home_municipality", ""),
        ("default_currency", "EUR"),
        ("language", "en"),
        ("fiscal_year_start", "1"),
        ("country", "NL"),
        ("discount_rate", ""),
        ("benefit_years", "1"),
    ]
    assert all(s.help and s.type for s in SETTINGS)


@pytest.mark.parametrize(
    ("country", "fraction"), [("NL", 0.0225), ("DK", 0.035), ("NO", 0.04), ("UK", 0.035)]
)
def test_without_a_discount_rate_the_national_guidance_applies(
    country: str, fraction: float
) -> None:
    assert Settings.checked({"country": country}).effective_discount_rate() == fraction
    unset = Settings.checked({"country": country, "discount_rate": ""})
    assert unset.effective_discount_rate() == fraction


def test_a_discount_rate_that_is_set_wins_over_the_guidance() -> None:
    assert Settings(country="NO", discount_rate=Decimal(5)).effective_discount_rate() == 0.05
    assert Settings.checked({"discount_rate": "1,5"}).effective_discount_rate() == 0.015
    assert Settings.checked({"discount_rate": "0"}).effective_discount_rate() == 0.0
    assert Settings.checked({"discount_rate": "15"}).discount_rate == Decimal(15)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("language", "xx"),
        ("fiscal_year_start", "13"),
        ("fiscal_year_start", "0"),
        ("default_currency", "EURO"),
        ("country", "SE"),
        ("discount_rate", "15.01"),
        ("discount_rate", "-1"),
        ("discount_rate", "veel"),
        ("benefit_years", "0"),
        ("benefit_years", "51"),
        ("benefit_years", "2.5"),
        ("home_municipality", "x" * 201),
    ],
)
def test_a_wrong_value_is_refused_naming_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.checked({name: value})
    assert caught.value.problems[0].startswith(f"{name}={value}: ")


def test_the_edges_are_accepted_and_codes_normalised() -> None:
    accepted = Settings.checked(
        {
            "country": " dk ",
            "default_currency": "nok",
            "benefit_years": "50",
            "fiscal_year_start": 12,
        }
    )
    assert (accepted.country, accepted.default_currency) == ("DK", "NOK")
    assert (accepted.benefit_years, accepted.fiscal_year_start) == (50, 12)
    assert Settings.checked({"benefit_years": "1"}).benefit_years == 1


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("pair", "says"),
    [
        ("language=xx", "language=xx: 'xx' is not one of en, nl, da, nb"),
        ("fiscal_year_start=13", "fiscal_year_start=13: Input should be less than or equal to 12"),
        ("default_currency=EURO", "default_currency=EURO: 'EURO' is not an ISO 4217 currency code"),
        ("country=SE", "country=SE: Input should be 'NL', 'DK', 'NO' or 'UK'"),
        ("discount_rate=16", "discount_rate=16: Input should be less than or equal to 15"),
        ("benefit_years=0", "benefit_years=0: Input should be greater than or equal to 1"),
    ],
)
def test_the_cli_refuses_a_wrong_setting_and_writes_nothing(
    tmp_path: Path, pair: str, says: str
) -> None:
    db = tmp_path / "w.duckdb"
    assert _cli("settings", "default_currency=DKK", "--db", str(db)).exit_code == 0
    generation = store.current_generation(db)
    # A good value beside the wrong one is not saved either.
    result = _cli("settings", "home_municipality=Aadorp", pair, "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr == f"error: {says}\n"
    assert store.current_generation(db) == generation
    with store.reader(db) as con:
        assert store.settings(con) == {"default_currency": "DKK"}


def test_the_cli_saves_the_new_settings(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = _cli(
        "settings", "country=no", "discount_rate=3,25", "benefit_years=10", "--db", str(db)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["benefit_years=10", "country=NO", "discount_rate=3.25"]
    with store.reader(db) as con:
        assert store.settings_at(con).effective_discount_rate() == 0.0325


# --------------------------------------------------------------------------- versioned


def test_settings_saved_before_any_data_apply_from_version_0(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert store.save_settings(db, {"home_municipality": "Aadorp"}) == 0
    assert store.save_settings(db, {"home_municipality": "Beekdal"}) == 0
    with store.reader(db) as con:
        assert store.latest_version(con) == 0
        assert store.versions(con) == []
    assert _rows(db, 0) == [("home_municipality", "Beekdal")]


def test_a_change_after_data_is_a_version_and_earlier_versions_keep_theirs(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": "Aadorp", "default_currency": "EUR"})
    assert ingest.load(db, "budget", BUDGET_A_AND_B.encode(), "b.csv").version == 1
    assert store.save_settings(db, {"home_municipality": "Beekdal"}, "analist") == 2
    assert ingest.load(db, "budget", BUDGET_A_AND_B.encode(), "b.csv").version == 3
    # The same key replaced twice: each version sees exactly one value.
    assert store.save_settings(db, {"home_municipality": "Cedum"}) == 4
    assert [_rows(db, v) for v in range(5)] == [
        [("default_currency", "EUR"), ("home_municipality", "Aadorp")],
        [("default_currency", "EUR"), ("home_municipality", "Aadorp")],
        [("default_currency", "EUR"), ("home_municipality", "Beekdal")],
        [("default_currency", "EUR"), ("home_municipality", "Beekdal")],
        [("default_currency", "EUR"), ("home_municipality", "Cedum")],
    ]
    with store.reader(db) as con:
        change = store.versions(con)[2]
        assert store.settings_at(con, 1).home_municipality == "Aadorp"
        assert store.settings_at(con).home_municipality == "Cedum"
    assert (change["version_id"], change["kind"], change["action"]) == (2, "settings", "settings")
    assert (change["loaded_by"], change["options"]) == ("analist", {"home_municipality": "Beekdal"})


def test_saving_the_same_values_again_makes_no_version(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"default_currency": "EUR"})
    ingest.load(db, "budget", BUDGET_A_AND_B.encode(), "b.csv")
    assert store.save_settings(db, {"default_currency": "eur"}) is None
    with store.reader(db) as con:
        assert store.latest_version(con) == 1


def test_a_figure_pinned_to_a_version_keeps_the_home_municipality_it_was_made_with(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": "Aadorp", "default_currency": "EUR"})
    assert ingest.load(db, "budget", BUDGET_A_AND_B.encode(), "b.csv").version == 1
    with store.reader(db) as con:
        before = analytics.effects_report(con, year=2025, version=1)
    store.save_settings(db, {"home_municipality": "Beekdal"})
    with store.reader(db) as con:
        pinned = analytics.effects_report(con, year=2025, version=1)
        now = analytics.effects_report(con, year=2025)
        scope = analytics.resolve_scope(con, version=1)
        offered = [browse.filter_options(con, v)["home"] for v in (1, 2)]
    assert (before["municipality"], before["total_actual"]) == ("Aadorp", "100.00")
    assert (pinned["municipality"], pinned["total_actual"]) == ("Aadorp", "100.00")
    assert (now["municipality"], now["total_actual"]) == ("Beekdal", "900.00")
    assert scope.settings.home_municipality == scope.home == "Aadorp"
    assert scope.settings.effective_discount_rate() == 0.0225
    assert offered == [["Aadorp"], ["Beekdal"]]
