"""The router: every view is reachable by its own path, and nothing switches on Streamlit's
legacy folder navigation (which answered a fresh server's first deep link with "Page not
found"). The browser half is tests/e2e/test_deep_links.py."""

from __future__ import annotations

from pathlib import Path

from whatworks import ui

ROOT = Path(__file__).resolve().parents[1]


def test_no_folder_beside_the_router_is_named_pages() -> None:
    # Streamlit 1.67 switches to its legacy navigation for as long as a folder of this name
    # sits beside the main script and st.navigation has not run yet in the process.
    assert not (ROOT / "pages").exists()


def test_every_view_file_exists_and_has_its_own_path() -> None:
    paths = [spec.url_path for spec in ui.PAGES]
    assert len(set(paths)) == len(paths)
    for spec in ui.PAGES:
        assert (ROOT / spec.path).is_file(), spec.path
        assert spec.path.startswith("views/"), spec.path
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "views").glob("*.py")}
    assert on_disk == {spec.path for spec in ui.PAGES}
