"""``make bench``: how fast a large budget export loads and how fast the views' figures come.

Prints figures; asserts nothing (speed goals live here, never in timed tests). The size is
``BENCH_ROWS`` (default 1,000,000 budget lines) in the Dutch dialect (``;``, decimal comma,
thousands separators), on top of the demo municipality.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from whatworks import analytics, demo, ingest, store

P = ParamSpec("P")
R = TypeVar("R")


def _budget_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    ids = [f"B-{i:04d}" for i in range(1000)]
    programmes = [f"Programma {i}" for i in range(25)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("jaar;programma;interventie;begroot;realisatie;gemeente\r\n")
        for i in range(rows):
            cents = rng.randrange(100_000, 500_000_000)
            euros, rest = divmod(cents, 100)
            amount = f"{euros:,}".replace(",", ".") + f",{rest:02d}"
            year = 2000 + i % 26
            out.write(
                f"{year};{programmes[i % 25]};{ids[i % 1000]};{amount};{amount};Benchdorp\r\n"
            )


def _peer_files(folder: Path, interventions: int, municipalities: int, years: int) -> None:
    """A national benchmark: every municipality reports 30 indicators for ``years`` years, and
    the home municipality's interventions report their own rows on them too."""
    rng = random.Random(11)  # noqa: S311 - synthetic data, not security
    register = ["intervention_id,name,programme,start_date,indicator,participants"]
    register += [
        f"N-{i:04d},Intervention {i},Programme {i % 10},2020-01-01,ind{i % 30},100"
        for i in range(interventions)
    ]
    (folder / "register.csv").write_text("\n".join(register) + "\n", encoding="utf-8")
    lines = ["indicator,period,value,municipality,intervention_id"]
    for k in range(30):
        for m in range(municipalities):
            place = "Peerdorp" if m == 0 else f"Peer {m}"
            lines += [f"ind{k},{2015 + y},{rng.uniform(0, 100):.2f},{place}," for y in range(years)]
    for i in range(interventions):
        lines += [
            f"ind{i % 30},{2015 + y},{rng.uniform(0, 100):.2f},Peerdorp,N-{i:04d}"
            for y in range(years)
        ]
    (folder / "outcomes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _timed(label: str, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<48} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def main() -> None:
    rows = int(os.environ.get("BENCH_ROWS", "1000000"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        store.save_settings(db, {"home_municipality": demo.HOME_MUNICIPALITY})
        for kind, name in demo.DEMO_FILES:
            report = ingest.load(db, kind, (demo.DEMO_DIR / name).read_bytes(), name)
            assert report.ok, report.errors
        source = Path(tmp) / "big_budget.csv"
        _timed(f"write a {rows:,}-line budget CSV", _budget_file, source, rows)
        size = source.stat().st_size
        data = source.read_bytes()
        report = _timed("validate + load (one version)", ingest.load, db, "budget", data, "big.csv")
        if not report.ok:
            print(report.errors[:5], file=sys.stderr)
            raise SystemExit(1)
        print(f"  {size / 1e6:.0f} MB, {report.inserted:,} rows inserted")
        _timed("reload the same file (replaces every row)", ingest.load, db, "budget", data, "b2")
        with store.reader(db) as con:
            _timed(
                "effects_report 2025 (demo municipality)", analytics.effects_report, con, year=2025
            )
            _timed(
                "effects_report 2025 (large municipality)",
                analytics.effects_report,
                con,
                year=2025,
                municipality="Benchdorp",
            )
            _timed("overview 2025 (demo municipality)", analytics.overview, con, year=2025)
        _timed("restore version 4 (demo only)", store.restore, db, 4)
        peers_db = Path(tmp) / "peers.duckdb"
        _peer_files(Path(tmp), 300, 400, 10)
        for kind, name in (("programmes", "register.csv"), ("outcomes", "outcomes.csv")):
            report = ingest.load(peers_db, kind, (Path(tmp) / name).read_bytes(), name)
            assert report.ok, report.errors
        with store.reader(peers_db) as con:
            _timed(
                "effects of 300 interventions against 399 peers",
                analytics.effects,
                con,
                municipality="Peerdorp",
            )
        generation = store.current_generation(db)
        assert generation is not None
        print(f"database file {generation.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()


def bench_small_writes(db: Path, repeat: int = 5) -> dict[str, float]:
    """Milliseconds (the median of ``repeat``) of one settings save, one decision and one mapping
    save on ``db``, which must hold data with at least one registered intervention.

    Each is a dataset write of its own; the figures should not grow with the data.
    """
    import importlib
    import statistics

    from whatworks import decisions

    changes = importlib.import_module("whatworks.dataops.changes")
    with store.reader(db) as con:
        latest = store.latest_version(con)
        row = store.run(con, "known_interventions").fetchone()
    assert row is not None, "the database needs a registered intervention"
    intervention = str(row[0])
    rates = iter(f"0.0{n % 9 + 1}" for n in range(repeat * 2))

    def setting() -> None:
        store.save_settings(db, {"discount_rate": next(rates)}, "bench")

    def decision() -> None:
        decisions.record(
            db,
            intervention_id=intervention,
            decision="continue",
            reason="bench",
            who="bench",
            view="bench",
            data_version=latest,
        )

    def mapping() -> None:
        actor = changes.Actor(name="bench", analyst=True)
        changes.save_mapping(db, actor, "bench", "budget", ingest.LoadOptions())

    out: dict[str, float] = {}
    for label, write in (("setting", setting), ("decision", decision), ("mapping", mapping)):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            write()
            times.append((time.perf_counter() - start) * 1000)
        out[f"{label}_ms"] = round(statistics.median(times), 1)
    generation = store.current_generation(db)
    out["database_mb"] = round(generation.stat().st_size / 1e6, 1) if generation else 0.0
    return out
