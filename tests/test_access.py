"""Access by where the server listens (issue 10, point 2): the local analyst only on a
loopback address; elsewhere, without sign-in, read-only for everyone unless the operator opts
in, with a warning on every page. The websocket refuses foreign Host headers, and viewers see
no tracebacks."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import builders
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette import starlette_websocket

from models import Kind
from whatworks import roles, store
from whatworks.i18n import t

Bind = Callable[[str | None], None]
ROOT = Path(__file__).resolve().parent.parent
DATA_PAGE = ROOT / "views" / "data.py"
SETTINGS_PAGE = ROOT / "views" / "settings.py"
OVERVIEW_PAGE = ROOT / "views" / "overview.py"
BUDGET = "year;programme;budgeted;actual\n2024;Schuldhulp;100000;90000\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = builders.database(tmp_path / "w.duckdb", [(Kind.budget, BUDGET.encode(), "b.csv")])
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    monkeypatch.setenv("WHATWORKS_USER", "jdevries")
    monkeypatch.delenv(roles.ANONYMOUS_ENV, raising=False)
    return path


@pytest.fixture
def bound_to() -> Iterator[Bind]:
    """Set server.address for the test, restored afterwards."""
    before = config.get_option("server.address")

    def bind(address: str | None) -> None:
        config.set_option("server.address", address)

    yield bind
    config.set_option("server.address", before)


def page(path: Path) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=30)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("", False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("whatworks.gemeente.nl", False),
    ],
)
def test_only_a_loopback_address_is_local(address: str, loopback: bool) -> None:
    assert roles.is_loopback(address) is loopback


def test_on_loopback_the_local_user_is_the_analyst(db: Path, bound_to: Bind) -> None:
    bound_to("127.0.0.1")
    at = page(DATA_PAGE)
    assert at.file_uploader(key="data_upload")
    assert not at.warning


@pytest.mark.parametrize("address", ["0.0.0.0", "", "192.168.1.5"])
def test_bound_to_other_addresses_without_sign_in_everyone_only_views(
    db: Path, bound_to: Bind, address: str
) -> None:
    bound_to(address or None)
    shown = address or "*"
    data = page(DATA_PAGE)
    assert len(data.file_uploader) == 0
    assert "data_restore_confirm" not in [c.key for c in data.checkbox]
    assert "data_restore" not in [b.key for b in data.button]
    warning = t("roles.open_mode", "en", address=shown, env=roles.ANONYMOUS_ENV)
    assert warning in [w.value for w in data.warning]
    assert t("roles.analysts_only_open", "en") in [i.value for i in data.info]
    settings = page(SETTINGS_PAGE)
    assert "settings_save" not in [b.key for b in settings.button]
    assert all(not (b.key or "").startswith("settings_save") for b in settings.button)
    assert warning in [w.value for w in settings.warning]
    overview = page(OVERVIEW_PAGE)
    assert warning in [w.value for w in overview.warning]


def test_a_change_asked_for_by_a_viewer_of_an_open_server_is_refused(
    db: Path, bound_to: Bind
) -> None:
    # Whatever route a request takes (a widget, a crafted message), the change goes through
    # dataops with the session's actor, and that actor is no analyst.
    bound_to("0.0.0.0")

    def script() -> None:
        import streamlit as st

        from whatworks import dataops, roles, ui

        actor = roles.actor()
        try:
            dataops.restore_version(ui.db_path(), actor, 1)
            outcome = "restored"
        except dataops.NotAllowedError:
            outcome = "refused"
        st.text(f"{roles.mode()} {actor.analyst} {outcome}")

    with store.reader(db) as con:
        before = store.latest_version(con)
    at = AppTest.from_function(script)
    at.run()
    assert not at.exception
    assert at.text[0].value == "open False refused"
    with store.reader(db) as con:
        assert store.latest_version(con) == before


def test_the_operator_may_let_anonymous_analysts_in_with_a_warning_on_every_page(
    db: Path, bound_to: Bind, monkeypatch: pytest.MonkeyPatch
) -> None:
    bound_to("0.0.0.0")
    monkeypatch.setenv(roles.ANONYMOUS_ENV, "1")
    warning = t("roles.anonymous_mode", "en", address="0.0.0.0", env=roles.ANONYMOUS_ENV)
    for path in (DATA_PAGE, SETTINGS_PAGE, OVERVIEW_PAGE):
        at = page(path)
        assert warning in [w.value for w in at.warning], path
    assert page(DATA_PAGE).file_uploader(key="data_upload")


def test_the_websocket_accepts_only_loopback_host_names() -> None:
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    before = config.get_option("server.allowedHosts")
    config.set_option("server.allowedHosts", server["allowedHosts"])
    try:
        allowed = starlette_websocket.is_host_allowed
        assert allowed("localhost:8501")
        assert allowed("127.0.0.1:8501")
        assert allowed("[::1]:8501")
        # A DNS-rebinding page sends its own name as the Host.
        assert not allowed("evil.example:8501")
        assert not allowed("127.0.0.1.evil.example")
        assert not allowed(None)
    finally:
        config.set_option("server.allowedHosts", before)


def test_viewers_see_no_tracebacks() -> None:
    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]
    assert client["showErrorDetails"] == "none"


@pytest.mark.parametrize("what", ["directory", "junk"])
def test_a_db_that_is_no_database_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    from whatworks import cli

    db = tmp_path / "w.duckdb"
    if what == "directory":
        db.mkdir()
    else:
        db.write_bytes(b"not a database at all\n" * 100)
    monkeypatch.setattr("sys.argv", ["whatworks", "versions", "--db", str(db)])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert str(db) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
