"""A viewer cannot reach an analyst's action by any route (issue 10, point 2): not by a page
that hides the control, not by session state or query parameters naming the analyst widgets,
and not by a crafted websocket message that triggers an analyst widget the session once had.

The crafted message is made the way a client would send it: the session renders the Data and
Settings pages while the server listens on loopback (the local analyst), so the widgets exist;
then the server is an open one (a viewer) and the client sends the trigger of the load, save
mapping, restore or save settings button. Streamlit runs the button's callback; the change
must still be refused by ``whatworks.dataops`` and nothing written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import builders
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from models import Kind
from whatworks import dataops, roles, store

ROOT = Path(__file__).resolve().parent.parent
DATA_PAGE = ROOT / "views" / "data.py"
SETTINGS_PAGE = ROOT / "views" / "settings.py"
BUDGET = "year;programme;municipality;budgeted\n2024;Schuldhulp;Eemsdal;100000\n"
NEW_BUDGET = b"year;programme;municipality;budgeted\n2025;Wmo;Eemsdal;5\n"
VIEWER = dataops.Actor("visitor", analyst=False)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = builders.database(
        tmp_path / "w.duckdb",
        [(Kind.budget, BUDGET.encode(), "b.csv"), (Kind.budget, BUDGET.replace("100000", "7"))],
    )
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    monkeypatch.setenv("WHATWORKS_USER", "jdevries")
    monkeypatch.delenv(roles.ANONYMOUS_ENV, raising=False)
    return path


@pytest.fixture
def bind() -> Iterator[Callable[[str], None]]:
    before = config.get_option("server.address")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)


def state_of(db: Path) -> tuple[Any, ...]:
    """The link, every version, the settings and the mappings: what any change would alter."""
    with store.reader(db) as con:
        versions = con.execute("SELECT * FROM load_versions ORDER BY version_id").fetchall()
        settings = con.execute("SELECT * FROM settings_rows ORDER BY ALL").fetchall()
        mappings = con.execute("SELECT * FROM mappings ORDER BY ALL").fetchall()
    return (db.resolve(), versions, settings, mappings)


def button(at: AppTest, prefix: str) -> Any:
    found = [b for b in at.button if (b.key or "").startswith(prefix)]
    assert found, (prefix, [b.key for b in at.button])
    return found[0]


def crafted_click(at: AppTest, widget: Any) -> None:
    """Send the button's trigger as a crafted client message would: whatever the page now
    shows (Streamlit itself discards the trigger of a button it last drew disabled)."""
    widget._value = True
    at.run()


def test_every_change_refuses_a_viewer_at_the_domain_level(db: Path) -> None:
    before = state_of(db)
    options = dataops.make_options(dataops.option_inputs(dataops.options_from_key("{}")), {})[0]
    attempts: list[Callable[[], object]] = [
        lambda: dataops.load_file(db, VIEWER, "budget", NEW_BUDGET, "b.csv", options),
        lambda: dataops.restore_version(db, VIEWER, 1),
        lambda: dataops.save_mapping(db, VIEWER, "recipe", "budget", options),
        lambda: dataops.save_settings(
            db, VIEWER, dataops.settings_problems({"home_municipality": "Elders"})[0]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(dataops.NotAllowedError):
            attempt()
    assert state_of(db) == before


def test_analyst_widget_keys_in_session_state_or_the_url_do_nothing_for_a_viewer(
    db: Path, bind: Callable[[str], None]
) -> None:
    bind("0.0.0.0")
    before = state_of(db)
    crafted = {
        "data_restore_version": 1,
        "data_restore_confirm": True,
        "data_restore": True,
        "settings_home": "Elders",
        "settings_save": True,
    }
    for path in (DATA_PAGE, SETTINGS_PAGE):
        at = AppTest.from_file(str(path), default_timeout=60)
        for key, value in crafted.items():
            at.session_state[key] = value
        at.query_params["tab"] = "upload"
        at.query_params["data_restore"] = "1"
        at.run()
        assert not at.exception
        keys = [w.key or "" for w in (*at.button, *at.checkbox)]
        assert not [
            k for k in keys if k.startswith(("data_restore", "data_load_", "settings_save"))
        ]
    assert state_of(db) == before


def test_a_crafted_trigger_of_the_load_and_save_mapping_buttons_is_refused(
    db: Path, bind: Callable[[str], None]
) -> None:
    bind("127.0.0.1")
    at = AppTest.from_file(str(DATA_PAGE), default_timeout=60)
    at.run()
    at.file_uploader(key="data_upload").upload("new.csv", NEW_BUDGET, "text/csv").run()
    button(at, "data_validate_").click().run()
    load, save = button(at, "data_load_"), button(at, "data_savemap_")
    assert not load.disabled  # validated: an analyst could load it now
    token = load.key.removeprefix("data_load_")
    at.text_input(key=f"data_mapname_{token}").input("recipe").run()
    load, save = button(at, "data_load_"), button(at, "data_savemap_")
    before = state_of(db)
    bind("0.0.0.0")
    crafted_click(at, load)
    assert not at.exception
    assert at.session_state[f"data_refused_{token}"] is True
    crafted_click(at, save)
    assert not at.exception
    assert state_of(db) == before


def test_a_crafted_trigger_of_restore_is_refused(db: Path, bind: Callable[[str], None]) -> None:
    bind("127.0.0.1")
    at = AppTest.from_file(str(DATA_PAGE), default_timeout=60)
    at.run()
    at.selectbox(key="data_restore_version").select(1).run()
    at.checkbox(key="data_restore_confirm").check().run()
    before = state_of(db)
    bind("0.0.0.0")
    crafted_click(at, at.button(key="data_restore"))
    assert not at.exception
    # The refusal is shown (restore_clicked ran and dataops said no).
    assert any("may not restore a version" in e.value for e in at.error), at.error
    assert state_of(db) == before


def test_a_crafted_trigger_of_save_settings_is_refused(
    db: Path, bind: Callable[[str], None]
) -> None:
    bind("127.0.0.1")
    at = AppTest.from_file(str(SETTINGS_PAGE), default_timeout=60)
    at.run()
    at.selectbox(key="settings_currency").select("NOK").run()
    before = state_of(db)
    bind("0.0.0.0")
    crafted_click(at, button(at, "settings_save"))
    assert not at.exception
    assert state_of(db) == before
    # The same click as the analyst saves: the refusal above is the role, not the click.
    bind("127.0.0.1")
    at.run()
    at.selectbox(key="settings_currency").select("NOK").run()
    button(at, "settings_save").click().run()
    assert state_of(db) != before
