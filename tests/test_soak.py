"""The soak's figures (whatworks.soak.SoakResult): what the bench's table says of a soak."""

from __future__ import annotations

from whatworks.soak import SoakResult


def test_the_summary_names_the_median_the_loads_and_the_machine() -> None:
    result = SoakResult(
        times=[3.0, 1.0, 2.0, 4.0],
        errors=[],
        viewers_served=2,
        viewers=3,
        versions=[5, 6],
        loads_ok=2,
        load_seconds=[12.4, 29.6],
        load_average=(1.25, 3.5),
    )
    assert result.p95 == 4.0
    assert result.summary() == (
        "4 pages, median 2.50 s, 2/3 viewers served, 0 errors; 2/2 loads ended as versions "
        "[5, 6] (loads took 12 s, 30 s); load average 1.2 -> 3.5"
    )


def test_no_page_is_an_infinite_p95() -> None:
    result = SoakResult(times=[], errors=["TimeoutError"], viewers_served=0, viewers=1,
                        versions=[])  # fmt: skip
    assert result.p95 == float("inf")
    assert "1 errors: TimeoutError" in result.summary()
