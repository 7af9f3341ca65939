"""Every export is safe in a spreadsheet (issue 10, point 4): one neutralise for all, with the
full-width and leading-whitespace forms; every table of the views offers our CSV, and
Streamlit's own table download is hidden."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from whatworks import dataops, decisions, exports, ui

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        (" =1+1", "' =1+1"),
        ("\u00a0\u3000@x", "'\u00a0\u3000@x"),
        ("\n=1", "'\n=1"),
        ("a=b", "a=b"),
        ("Jeugd & Gezin", "Jeugd & Gezin"),
        ("", ""),
        (7, 7),
        (None, None),
    ],
)
def test_one_neutralise_for_every_export(cell: Any, safe: Any) -> None:
    assert exports.neutralise(cell) == safe
    # The decision log and the validation report use the same function.
    assert decisions.neutralise is exports.neutralise
    assert dataops.neutralise is exports.neutralise


def test_a_table_download_neutralises_text_and_headers_and_keeps_numbers() -> None:
    table = pd.DataFrame({"=name": ['＝HYPERLINK("x")', " -1", "ok"], "amount": [1.5, None, -2.0]})
    data = exports.table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["'=name", "amount"],
        ['\'＝HYPERLINK("x")', "1.5"],
        ["' -1", ""],
        ["ok", "-2.0"],
    ]


def test_a_styled_table_downloads_its_data() -> None:
    table = pd.DataFrame({"a": ["@x"]})
    assert exports.table_csv(table.style).decode("utf-8-sig").splitlines() == ["a", "'@x"]


def test_the_report_csv_neutralises_full_width_and_leading_space() -> None:
    from whatworks import ingest

    report = ingest.Report(kind="budget", file="b.csv")
    report.error(
        ingest.Problem(
            2, "jaar", " ＝1+1", "not_a_whole_number", params={"column": "jaar", "value": " ＝1+1"}
        )
    )
    text = dataops.report_csv(report, "en").decode("utf-8-sig")
    assert "' ＝1+1" in text


def test_streamlit_s_own_table_download_is_hidden_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHATWORKS_DB", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(str(ROOT / "views" / "overview.py"), default_timeout=30)
    at.run()
    styles = [h.proto.body for h in at.get("html")]
    assert ui.HIDE_TABLE_DOWNLOAD in styles
    assert "Download as CSV" in ui.HIDE_TABLE_DOWNLOAD


def test_the_views_offer_our_data_downloads_in_one_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builders

    monkeypatch.setenv("WHATWORKS_DB", str(builders.demo_database(tmp_path / "w.duckdb")))
    for page in ("overview", "spend_vs_effect", "programmes"):
        at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
        at.run()
        assert not at.exception
        offered = {b.key for b in at.get("download_button")}
        # One block per view (tests/test_reports.py checks its files); no table's text CSV.
        assert offered == {f"{page}_export_{kind}" for kind in ("csv", "xlsx", "html")}, page
