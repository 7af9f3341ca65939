"""A deep link is the first thing a fresh server is asked for: an alderman opens a link from
an agenda before anyone has opened the app. Each test starts a server of its own."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_helpers import main_area, open_view
from playwright.sync_api import expect

from whatworks.i18n import t


@pytest.mark.parametrize(
    ("path", "title_key"),
    [("spend-vs-effect?lang=nl", "nav.spend_vs_effect"), ("data?lang=en", "nav.data")],
)
def test_a_fresh_servers_first_request_may_be_a_deep_link(
    page: Any, fresh_server: str, path: str, title_key: str
) -> None:
    # open_view fails on any dialog: Streamlit's "Page not found" was one.
    open_view(page, f"{fresh_server}/{path}")
    lang = path.rsplit("=", 1)[1]
    expect(main_area(page).locator("h1").first).to_contain_text(t(title_key, lang))
