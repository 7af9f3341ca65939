"""The Data page (views/data.py) and the Settings page (views/settings.py) under AppTest:
upload, validate, load, mappings, restore with confirmation, roles, settings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from models import Kind
from whatworks import dataops, ingest, plain, store
from whatworks.i18n import format_number, t

ROOT = Path(__file__).resolve().parents[1]
DATA_PAGE = ROOT / "views" / "data.py"
SETTINGS_PAGE = ROOT / "views" / "settings.py"
FIXTURES = ROOT / "tests" / "fixtures"
TIMEOUT = 60
USER = "jdevries"

BUDGET = b"""year,programme,intervention_id,budgeted,actual,municipality
2024,Youth care,YC-01,100,90,Eemsdal
2024,Work,,50,40,Oosterhaven
"""
REGISTER = b"""intervention_id,name,programme
YC-01,Family coaching,Youth care
"""
# As a Dutch finance system exports it: semicolons, decimal commas, thousands dots.
BEGROTING = (
    "Jaar;Programma;Interventie;Begroot;Realisatie;Gemeente\r\n"
    "2025;Jeugdzorg;YC-01;1.250.000,50;1.187.342,25;Eemsdal\r\n"
    "2025;Werk – re-integratie;;80.000,00;;Eemsdal\r\n"
).encode("cp1252")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret",
    "client_id": "whatworks",
    "client_secret": "not-a-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


@pytest.fixture
def town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two versions loaded through ingest: v1 budget, v2 register; home Eemsdal."""
    db = builders.database(
        tmp_path / "w.duckdb",
        [(Kind.budget, BUDGET, "budget.csv"), (Kind.programmes, REGISTER, "r.csv")],
    )
    monkeypatch.setenv("WHATWORKS_DB", str(db))
    monkeypatch.setenv("WHATWORKS_USER", USER)
    return db


def open_page(
    page: Path = DATA_PAGE,
    secrets: dict[str, Any] | None = None,
    user: dict[str, Any] | None = None,
    lang: str | None = None,
) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=TIMEOUT)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    if user is not None:
        at.user = user
    if lang:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> str:
    at.file_uploader(key="data_upload").upload(name, data, "text/csv").run()
    assert not at.exception
    return dataops.file_token(name, data)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with a column of that name (display tables carry no key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def latest(db: Path) -> int:
    with store.reader(db) as con:
        return store.latest_version(con)


def mapping_select(at: AppTest, token: str, header: str) -> Any:
    return next(
        s
        for s in at.selectbox
        if (s.key or "").startswith(f"data_map_{token}_") and s.label == header
    )


# --------------------------------------------------------------------------- roles


def test_local_mode_says_so_and_the_local_user_is_the_analyst(town: Path) -> None:
    at = open_page()
    assert t("roles.local_mode", "en", user=USER) in [i.value for i in at.info]
    assert at.file_uploader(key="data_upload")
    assert at.checkbox(key="data_restore_confirm")


def test_a_viewer_sees_no_upload_or_restore_controls(town: Path) -> None:
    at = open_page(
        secrets={"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}},
        user={"is_logged_in": True, "email": "wethouder@gemeente.nl"},
    )
    assert len(at.file_uploader) == 0
    assert "data_restore_confirm" not in [c.key for c in at.checkbox]
    assert "data_restore" not in [b.key for b in at.button]
    infos = [i.value for i in at.info]
    assert plain.say("roles.signed_in_viewer", "en", user="wethouder@gemeente.nl") in infos
    assert t("roles.local_mode", "en", user=USER) not in infos
    # What viewers may see is still there: tables, versions, health, templates.
    assert table_with(at, t("col.version_id", "en"))[t("col.version_id", "en")].tolist() == [2, 1]
    assert at.selectbox(key="data_diff_version").value == 2
    assert "data_template_budget_xlsx" in [b.key for b in at.get("download_button")]


def test_a_visitor_not_signed_in_gets_a_sign_in_button(town: Path) -> None:
    at = open_page(
        secrets={"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}},
        user={"is_logged_in": False},
    )
    assert at.button(key="roles_login").label == t("roles.login", "en")
    assert len(at.file_uploader) == 0
    assert t("roles.analysts_only_sign_in", "en") in [i.value for i in at.info]


def test_a_signed_in_analyst_loads_under_their_email(town: Path) -> None:
    at = open_page(
        secrets={"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}},
        user={"is_logged_in": True, "email": "Analyst@Gemeente.nl"},
    )
    assert plain.say("roles.signed_in_analyst", "en", user="analyst@gemeente.nl") in [
        i.value for i in at.info
    ]
    token = upload(at, "begroting.csv", BEGROTING)
    at.button(key=f"data_validate_{token}").click().run()
    at.button(key=f"data_load_{token}").click().run()
    assert not at.exception
    with store.reader(town) as con:
        assert store.versions(con)[0]["loaded_by"] == "analyst@gemeente.nl"


def test_a_load_asked_for_after_the_analyst_role_is_gone_is_refused(town: Path) -> None:
    secrets = {"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}}
    at = open_page(secrets=secrets, user={"is_logged_in": True, "email": "analyst@gemeente.nl"})
    token = upload(at, "begroting.csv", BEGROTING)
    at.button(key=f"data_validate_{token}").click().run()
    before = store.current_generation(town)
    at.user = {"is_logged_in": True, "email": "wethouder@gemeente.nl"}
    at.button(key=f"data_load_{token}").click().run()  # a click from the page drawn before
    assert not at.exception
    assert at.session_state[f"data_refused_{token}"] is True
    assert store.current_generation(town) == before  # nothing was written
    assert len(at.file_uploader) == 0


# --------------------------------------------------------------------------- upload


def test_a_semicolon_decimal_comma_budget_is_validated_and_loaded(town: Path) -> None:
    at = open_page()
    token = upload(at, "begroting.csv", BEGROTING)
    assert at.selectbox(key=f"data_kind_{token}").value == "budget"  # guessed from the headers
    line = next(c.value for c in at.caption if c.value.startswith("Read as CSV"))
    assert "separator `;`" in line
    assert "decimal sign `,`" in line
    assert "encoding `windows-1252`" in line
    preview = table_with(at, "Realisatie")
    assert preview.index.tolist() == [2, 3]
    assert preview["Begroot"].tolist() == ["1.250.000,50", "80.000,00"]
    assert mapping_select(at, token, "Realisatie").value == "actual"
    # Nothing can be loaded before it is validated.
    assert at.button(key=f"data_load_{token}").disabled

    at.button(key=f"data_validate_{token}").click().run()
    assert t("data.report_ok", "en", rows="2", warnings=0) in [s.value for s in at.success]
    assert not at.button(key=f"data_load_{token}").disabled

    at.button(key=f"data_load_{token}").click().run()
    assert not at.exception
    assert t("data.loaded", "en", version=3, inserted="2", replaced="0") in [
        s.value for s in at.success
    ]
    # The page already shows the new version: freshness line, counts and version list.
    assert at.caption[0].value.startswith(t("frame.version_line", "en", version=3))
    budget_count = next(m.value for m in at.metric if m.label == t("kind.budget", "en"))
    assert budget_count == format_number(4, "en", decimals=0)
    versions = table_with(at, t("col.version_id", "en"))
    top = versions.iloc[0]
    assert top[t("col.source_file", "en")] == "begroting.csv"
    assert top[t("col.loaded_by", "en")] == USER
    assert at.button(key=f"data_load_{token}").disabled  # loaded: validate again to reload
    with store.reader(town) as con:
        rows = con.execute(
            "select programme, budgeted, actual from budget where year = 2025 order by programme"
        ).fetchall()
    assert rows == [
        ("Jeugdzorg", Decimal("1250000.50"), Decimal("1187342.25")),
        ("Werk – re-integratie", Decimal("80000.00"), None),
    ]


def test_an_invalid_file_shows_its_errors_and_cannot_be_loaded(town: Path) -> None:
    at = open_page()
    data = (FIXTURES / "budget_invalid.csv").read_bytes()
    token = upload(at, "budget_invalid.csv", data)
    before = store.current_generation(town)
    at.button(key=f"data_validate_{token}").click().run()
    report = ingest.check(town, Kind.budget, data, "budget_invalid.csv")
    assert not report.ok
    errors = format_number(dataops.report_error_count(report), "en")
    assert t("data.report_errors", "en", errors=errors) in [e.value for e in at.error]
    shown = table_with(at, t("data.report_col.message", "en"))
    assert len(shown) == len(report.errors) + len(report.warnings)
    first = report.errors[0]
    assert shown.iloc[0][t("data.report_col.row", "en")] == str(first.row or "")
    assert shown.iloc[0][t("data.report_col.message", "en")] == first.message
    assert at.button(key=f"data_load_{token}").disabled
    assert "data_report_csv_" + token in [b.key for b in at.get("download_button")]
    assert store.current_generation(town) == before
    assert latest(town) == 2


def test_changing_an_option_after_validating_asks_for_a_new_check(town: Path) -> None:
    at = open_page()
    data = b"jaar;programma;begroot\n2025;Jeugdzorg;1000\n"
    token = upload(at, "b.csv", data)
    at.button(key=f"data_validate_{token}").click().run()
    assert not at.button(key=f"data_load_{token}").disabled
    at.number_input(key=f"data_scale_{token}").set_value(1000.0).run()
    assert at.button(key=f"data_load_{token}").disabled
    assert t("data.revalidate", "en") in [w.value for w in at.warning]


def test_import_options_set_a_year_and_a_scale(town: Path) -> None:
    at = open_page()
    data = b"Gemeenten;Taakveld;Lasten;Baten\nEemsdal;0.1 Bestuur;23698,0;383,0\n"
    token = upload(at, "2023_jaarrekening.csv", data)
    at.text_area(key=f"data_set_{token}").input("year=2023").run()
    at.number_input(key=f"data_scale_{token}").set_value(1000.0).run()
    at.button(key=f"data_validate_{token}").click().run()
    at.button(key=f"data_load_{token}").click().run()
    assert not at.exception
    with store.reader(town) as con:
        row = con.execute("select year, programme, actual from budget where year = 2023").fetchall()
    assert row == [(2023, "0.1 Bestuur", Decimal("23698000.00"))]


def test_a_column_mapped_by_hand_is_saved_and_reused(town: Path) -> None:
    at = open_page()
    first = b"Boekjaar;Programma;Bedrag\n2026;Werk;1.000,00\n"
    token = upload(at, "a.csv", first)
    bedrag = mapping_select(at, token, "Bedrag")
    assert bedrag.value == dataops.IGNORE
    bedrag.select("actual").run()
    mapping_select(at, token, "Boekjaar").select("year").run()
    at.button(key=f"data_validate_{token}").click().run()
    assert t("data.report_ok", "en", rows="1", warnings=0) in [s.value for s in at.success]
    at.text_input(key=f"data_mapname_{token}").input("financieel systeem").run()
    at.button(key=f"data_savemap_{token}").click().run()
    assert t("data.mapping_saved", "en", name="financieel systeem") in [s.value for s in at.success]

    second = b"Boekjaar;Programma;Bedrag\n2027;Werk;2.000,00\n"
    again = upload(at, "b.csv", second)
    assert mapping_select(at, again, "Bedrag").value == dataops.IGNORE
    at.selectbox(key=f"data_saved_{again}").select("financieel systeem").run()
    assert mapping_select(at, again, "Bedrag").value == "actual"
    assert mapping_select(at, again, "Boekjaar").value == "year"
    at.button(key=f"data_validate_{again}").click().run()
    assert not at.button(key=f"data_load_{again}").disabled


def test_a_column_read_twice_is_refused_before_validation(town: Path) -> None:
    at = open_page()
    token = upload(at, "b.csv", b"jaar;boekjaar;programma;begroot\n2025;2025;Werk;1\n")
    mapping_select(at, token, "boekjaar").select("year").run()
    message = t("data.mapping_conflict", "en", column="year", headers="jaar, boekjaar")
    assert message in [e.value for e in at.error]
    assert at.button(key=f"data_validate_{token}").disabled


def test_several_files_at_once_each_with_its_own_kind(town: Path) -> None:
    at = open_page()
    files = [
        ("begroting.csv", BEGROTING, "text/csv"),
        ("register.csv", (FIXTURES / "programmes_eemsdal.csv").read_bytes(), "text/csv"),
    ]
    at.file_uploader(key="data_upload").set_value(files).run()
    assert not at.exception
    kinds = [at.selectbox(key=f"data_kind_{dataops.file_token(n, d)}").value for n, d, _ in files]
    assert kinds == ["budget", "programmes"]


def test_the_page_speaks_dutch(town: Path) -> None:
    at = open_page(lang="nl")
    token = upload(at, "begroting.csv", BEGROTING)
    at.button(key=f"data_validate_{token}").click().run()
    assert not at.exception
    assert t("data.report_ok", "nl", rows="2", warnings=0) in [s.value for s in at.success]
    assert t("roles.local_mode", "nl", user=USER) in [i.value for i in at.info]


def test_a_dutch_page_says_errors_and_notes_in_dutch(town: Path) -> None:
    at = open_page(lang="nl")
    data = b"Begroting 2025\n\njaar;programma;begroot\n2025;Werk;1.000,00\n2025;Jeugd;twee\n"
    token = upload(at, "b.csv", data)
    at.button(key=f"data_validate_{token}").click().run()
    assert not at.exception
    shown = table_with(at, t("data.report_col.message", "nl"))
    bad = t("problem.not_a_number", "nl", column="budgeted", value="twee", style="1.234.567,89")
    assert bad == "budgeted: 'twee' is geen getal (dit bestand schrijft getallen als 1.234.567,89)"
    assert shown[t("data.report_col.message", "nl")].tolist() == [bad]
    skipped = t("note.skipped_lines", "nl", count=2)
    captions = [c.value for c in at.caption]
    assert any(plain.markdown(skipped) in c for c in captions)  # in the preview and in the report
    assert not any("above the header" in c for c in captions)


def test_a_dutch_page_says_why_a_file_cannot_be_read_in_dutch(town: Path) -> None:
    at = open_page(lang="nl")
    at.file_uploader(key="data_upload").set_value([("leeg.csv", b"", "text/csv")]).run()
    assert not at.exception
    said = plain.say("data.unreadable", "nl", error="leeg.csv: het bestand is leeg")
    assert said in [e.value for e in at.error]


# --------------------------------------------------------------------------- versions


def test_a_version_diff_counts_what_it_changed(town: Path) -> None:
    at = open_page()
    at.selectbox(key="data_diff_version").select(1).run()
    diff = table_with(at, t("data.change_col.rows_before", "en"))
    budget = diff.iloc[0].tolist()
    assert budget == [t("kind.budget", "en"), 0, 2, 0, 2]


def test_restore_needs_confirmation(town: Path) -> None:
    at = open_page()
    options = at.selectbox(key="data_restore_version").options
    assert len(options) == 1
    assert options[0].startswith("Version 1 · Budget · budget.csv · ")
    assert at.button(key="data_restore").disabled
    assert latest(town) == 2
    label = at.checkbox(key="data_restore_confirm").label
    assert label == t("data.restore_confirm", "en", version=1, new=3, closed="1", reopened="0")
    at.checkbox(key="data_restore_confirm").check().run()
    assert not at.button(key="data_restore").disabled
    at.button(key="data_restore").click().run()
    assert not at.exception
    assert plain.markdown(t("data.restored", "en", version=1, new=3)) in [
        s.value for s in at.success
    ]
    assert latest(town) == 3
    with store.reader(town) as con:
        record = store.versions(con)[0]
        assert con.execute("select count(*) from programmes").fetchone() == (0,)
    assert (record["action"], record["restored_from"], record["loaded_by"]) == (
        "restore",
        1,
        USER,
    )
    assert at.checkbox(key="data_restore_confirm").value is False  # asked again next time
    # The diff now looks at the new version, and the restore's empty file cell is blank.
    assert at.selectbox(key="data_diff_version").value == 3
    versions = table_with(at, t("col.version_id", "en"))
    top = versions.iloc[0]
    assert top[t("col.version_id", "en")] == 3
    assert top[t("col.source_file", "en")] == ""


# --------------------------------------------------------------------------- health, templates


def test_data_health_lists_interventions_without_outcomes(town: Path) -> None:
    at = open_page()
    coverage = table_with(at, t("data.health_col.years", "en"))
    assert coverage.iloc[0][t("data.health_col.years", "en")] == "2024"
    without = table_with(at, t("data.health_col.indicator", "en"))
    assert without[t("data.health_col.intervention_id", "en")].tolist() == ["YC-01"]
    assert t("data.health_without_spend", "en", count=0) in [h.value for h in at.header]


def test_templates_and_the_dictionary_can_be_downloaded(town: Path) -> None:
    at = open_page()
    keys = {b.key for b in at.get("download_button")}
    expected = {f"data_template_{k.value}_{f}" for k in Kind for f in ("csv", "xlsx")}
    assert expected | {"data_dictionary_csv", "data_dictionary_xlsx"} <= keys
    dictionary = table_with(at, "aliases")
    assert "realisatie" in dictionary[dictionary["column"] == "actual"]["aliases"].iloc[0]


# --------------------------------------------------------------------------- settings


def test_the_settings_page_saves_the_home_municipality(town: Path) -> None:
    at = open_page(SETTINGS_PAGE)
    assert at.selectbox(key="settings_home").value == "Eemsdal"
    assert at.selectbox(key="settings_home").options == ["Eemsdal", "Oosterhaven"]
    at.selectbox(key="settings_home").select("Oosterhaven").run()
    at.selectbox(key="settings_currency").select("DKK").run()
    at.selectbox(key="settings_fiscal_start").select(4).run()
    at.button(key="settings_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [plain.markdown(t("settings.saved", "en"))]
    with store.reader(town) as con:
        saved = store.settings(con)
    assert saved["home_municipality"] == "Oosterhaven"
    assert saved["default_currency"] == "DKK"
    assert saved["fiscal_year_start"] == "4"


def test_the_settings_page_saves_country_discount_rate_and_horizon(town: Path) -> None:
    at = open_page(SETTINGS_PAGE)
    assert at.number_input(key="settings_discount_rate").value is None
    assert at.number_input(key="settings_benefit_years").value == 1
    at.selectbox(key="settings_country").select("DK").run()
    at.number_input(key="settings_benefit_years").set_value(10).run()
    at.button(key="settings_save").click().run()
    assert not at.exception
    with store.reader(town) as con:
        saved = store.settings(con)
        chosen = store.settings_at(con)
        latest = store.latest_version(con)
    assert (saved["country"], saved["discount_rate"], saved["benefit_years"]) == ("DK", "", "10")
    assert chosen.effective_discount_rate() == 0.035  # Denmark's guidance: 3.5 %
    assert latest == 3  # two loads, then the change of settings
    at.number_input(key="settings_discount_rate").set_value(4.5).run()
    at.button(key="settings_save").click().run()
    with store.reader(town) as con:
        assert store.settings(con)["discount_rate"] == "4.5"
        assert store.settings(con, 3)["discount_rate"] == ""


def test_viewers_see_the_settings_read_only(town: Path) -> None:
    at = open_page(
        SETTINGS_PAGE,
        secrets={"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}},
        user={"is_logged_in": True, "email": "wethouder@gemeente.nl"},
    )
    assert "settings_save" not in [b.key for b in at.button]
    assert len(at.selectbox) == 1  # only the language of the page
    shown = table_with(at, t("settings.col_value", "en"))
    assert shown[t("settings.col_value", "en")].tolist() == [
        "Eemsdal",
        "EUR — Euro",
        "English",
        "January",
        "Netherlands",
        "2.25 % (national guidance)",
        "1",
    ]


def test_the_page_previews_what_a_load_replaces_and_asks_before_removing_most(
    town: Path,
) -> None:
    # Eemsdal 2024 holds budgeted 100 (and actual 90): a file of 10 removes most of it.
    small = (
        b"year,programme,intervention_id,budgeted,municipality\n2024,Youth care,YC-01,10,Eemsdal\n"
    )
    at = open_page()
    token = upload(at, "correction.csv", small)
    at.button(key=f"data_validate_{token}").click().run()
    preview = table_with(at, t("data.replaces_col.replaced_lines", "en"))
    row = preview.iloc[0]
    assert row[t("data.replaces_col.municipality", "en")] == "Eemsdal"
    assert row[t("data.replaces_col.replaced_lines", "en")] == 1
    assert row[t("data.replaces_col.kept_lines", "en")] == 1  # the actual 90 stays
    assert at.button(key=f"data_load_{token}").disabled  # not before it is confirmed
    at.checkbox(key=f"data_confirm_{token}").check().run()
    assert not at.button(key=f"data_load_{token}").disabled
    at.button(key=f"data_load_{token}").click().run()
    assert not at.exception
    with store.reader(town) as con:
        rows = con.execute(
            "select budgeted, actual from budget where municipality = 'Eemsdal'"
        ).fetchall()
    assert rows == [(Decimal("10.00"), Decimal("90.00"))]


def test_the_page_recodes_values_and_reads_more_missing_markers(town: Path) -> None:
    text = b"year;programme;budgeted;actual;project\n2026;Work;pm;3;00000\n2026;Care;4;5;P-1\n"
    at = open_page()
    token = upload(at, "begroting-2026.csv", text)
    at.button(key=f"data_validate_{token}").click().run()
    # 'pm' is not a number
    assert t("data.report_errors", "en", errors="1") in [e.value for e in at.error]
    at.text_area(key=f"data_missing_{token}").input("pm").run()
    at.text_area(key=f"data_recode_{token}").input("project:00000=").run()
    project = mapping_select(at, token, "project")
    project.select("intervention_id").run()
    at.button(key=f"data_validate_{token}").click().run()
    assert t("data.report_ok", "en", rows="2", warnings=1) in [s.value for s in at.success]
    at.button(key=f"data_load_{token}").click().run()
    with store.reader(town) as con:
        rows = con.execute(
            "select programme, budgeted, actual, intervention_id from budget "
            "where year = 2026 order by programme"
        ).fetchall()
    assert rows == [
        ("Care", Decimal("4.00"), Decimal("5.00"), "P-1"),
        ("Work", None, Decimal("3.00"), None),
    ]
