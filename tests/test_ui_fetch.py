"""Many sessions asking for one result at once compute it once (ui.Frame.fetch): Streamlit's
cache_data holds a lock per result while it computes; this holds us to it (the soak relies on
it: after a load, twenty viewers need the new result at once)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb

from whatworks import store, ui


def test_concurrent_fetches_of_one_result_compute_it_once(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": "Eemsdal"})
    generation = store.current_generation(db)
    assert generation is not None
    frame = ui.Frame(db, generation, 0, 0, False, "en", ui.Filters())
    calls: list[int] = []

    def slow(con: duckdb.DuckDBPyConnection, marker: int) -> int:
        calls.append(marker)
        time.sleep(0.3)
        row = con.execute("SELECT 41 + 1").fetchone()
        return int(row[0]) if row else 0

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(frame.fetch(slow, 7))) for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 6
    assert calls == [7]  # one computation; the other five waited and read the cache
