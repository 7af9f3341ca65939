"""Who is an analyst: local single-user mode, OIDC sign-in with listed analysts, fail closed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.testing.v1 import AppTest

from whatworks import roles

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret",
    "client_id": "whatworks",
    "client_secret": "not-a-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def identity_script() -> None:
    import json

    import streamlit as st

    from whatworks import roles

    who = roles.current()
    st.text(
        json.dumps(
            {
                "mode": who.mode,
                "signed_in": who.signed_in,
                "email": who.email,
                "analyst": who.analyst,
                "recorded_as": who.recorded_as,
                "provider": roles.login_provider(),
            }
        )
    )


def identity(secrets: dict[str, Any] | None = None, user: dict[str, Any] | None = None) -> Any:
    at = AppTest.from_function(identity_script)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception
    return json.loads(at.text[0].value)


def test_without_sign_in_configured_the_local_user_is_the_analyst(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WHATWORKS_USER", "jdevries")
    who = identity()
    assert who == {
        "mode": "local",
        "signed_in": False,
        "email": None,
        "analyst": True,
        "recorded_as": "jdevries",
        "provider": None,
    }


def test_other_secrets_without_auth_are_still_local_mode() -> None:
    assert identity({"whatworks": {"analysts": ["a@x.nl"]}})["mode"] == "local"


def test_a_listed_analyst_signed_in_is_an_analyst_whatever_the_case() -> None:
    who = identity(
        {"auth": AUTH, "whatworks": {"analysts": ["Analyst@Gemeente.nl"]}},
        {"is_logged_in": True, "email": "analyst@GEMEENTE.nl", "name": "A. Nalist"},
    )
    assert who["mode"] == "oidc"
    assert who["analyst"] is True
    assert who["recorded_as"] == "analyst@gemeente.nl"


def test_a_signed_in_user_not_listed_is_a_viewer() -> None:
    who = identity(
        {"auth": AUTH, "whatworks": {"analysts": ["analyst@gemeente.nl"]}},
        {"is_logged_in": True, "email": "wethouder@gemeente.nl"},
    )
    assert (who["signed_in"], who["analyst"]) == (True, False)


def test_a_visitor_who_is_not_signed_in_is_a_viewer_even_with_a_listed_email() -> None:
    # AppTest's default user carries an e-mail address but is not signed in.
    who = identity(
        {"auth": AUTH, "whatworks": {"analysts": ["test@example.com"]}},
        {"is_logged_in": False, "email": "test@example.com"},
    )
    assert (who["signed_in"], who["analyst"], who["email"]) == (False, False, None)


def test_sign_in_without_an_analyst_list_makes_everyone_a_viewer() -> None:
    who = identity({"auth": AUTH}, {"is_logged_in": True, "email": "a@x.nl"})
    assert who["analyst"] is False


def test_a_single_analyst_may_be_written_as_a_string() -> None:
    who = identity(
        {"auth": AUTH, "whatworks": {"analysts": "a@x.nl"}},
        {"is_logged_in": True, "email": "a@x.nl"},
    )
    assert who["analyst"] is True


def test_with_named_providers_sign_in_uses_the_first() -> None:
    providers = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": "x",
        "microsoft": {"client_id": "a"},
        "google": {"client_id": "b"},
    }
    assert identity({"auth": providers})["provider"] == "microsoft"


def test_an_unreadable_secrets_file_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def to_dict(self) -> dict[str, Any]:
            raise StreamlitSecretNotFoundError(
                "Error parsing secrets file at {path}: {error}",
                path="secrets.toml",
                error="bad",
                error_id="failed-parsing-secrets-file",
            )

    monkeypatch.setattr(st, "secrets", Broken())
    assert roles.mode() == "broken"
    assert roles.analyst_accounts() == frozenset()


def test_no_secrets_file_at_all_is_local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    class Missing:
        def to_dict(self) -> dict[str, Any]:
            raise StreamlitSecretNotFoundError("No secrets found", error_id=roles.NO_SECRETS)

    monkeypatch.setattr(st, "secrets", Missing())
    assert roles.mode() == "local"


def test_the_documented_example_configures_sign_in_and_analysts() -> None:
    example = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml.example"
    secrets = tomllib.loads(example.read_text(encoding="utf-8"))
    analyst = identity(
        secrets, {"is_logged_in": True, "email": secrets["whatworks"]["analysts"][0]}
    )
    assert (analyst["mode"], analyst["analyst"], analyst["provider"]) == ("oidc", True, None)
    viewer = identity(secrets, {"is_logged_in": True, "email": "someone@else.nl"})
    assert viewer["analyst"] is False
