"""Data health: per kind the rows, years (gaps named), municipalities and last load at a
version, the interventions without spend or outcomes, and both as tables for the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import duckdb
import pandas as pd

from models import Kind
from whatworks import browse, store
from whatworks.i18n import format_datetime, t


@dataclass(frozen=True)
class Coverage:
    """What one kind of table covers at a data version."""

    kind: Kind
    rows: int
    years: tuple[int, ...]
    municipalities: tuple[str, ...]
    last_loaded: dt.datetime | None


@dataclass(frozen=True)
class Gap:
    """An intervention without spend or without outcomes; ``detail``: programme or indicator."""

    intervention_id: str
    name: str
    detail: str | None


@dataclass(frozen=True)
class Health:
    """Coverage per kind and the interventions the data says nothing about."""

    coverage: tuple[Coverage, ...]
    without_spend: tuple[Gap, ...]
    without_outcomes: tuple[Gap, ...]


def health(con: duckdb.DuckDBPyConnection, version: int) -> Health:
    """Data health at ``version``: years, municipalities, rows and last load per kind."""
    home = store.settings(con, version).get("home_municipality") or None
    counts = browse.table_counts(con, version)
    loaded = browse.latest_loads(con, version)
    years: dict[Kind, list[int]] = {kind: [] for kind in Kind}
    places: dict[Kind, list[str]] = {kind: [] for kind in Kind}
    params = {"version": version, "home": home}
    for kind, dimension, value in store.run(con, "data_health_coverage", params).fetchall():
        if dimension == "year":
            years[Kind(kind)].append(int(value))
        else:
            places[Kind(kind)].append(str(value))
    coverage = tuple(
        Coverage(kind, counts[kind], tuple(sorted(years[kind])), tuple(places[kind]), loaded[kind])
        for kind in Kind
    )
    gaps = {
        name: tuple(
            Gap(str(i), str(n), None if d is None else str(d))
            for i, n, d in store.run(con, name, {"version": version}).fetchall()
        )
        for name in ("data_interventions_without_spend", "data_interventions_without_outcomes")
    }
    return Health(
        coverage,
        gaps["data_interventions_without_spend"],
        gaps["data_interventions_without_outcomes"],
    )


def year_ranges(years: Iterable[int]) -> str:
    """Years as runs: ``2020–2022, 2024`` (a gap shows as a break)."""
    ordered = sorted(set(years))
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def missing_years(years: Iterable[int]) -> list[int]:
    """Years between the first and the last that have no rows."""
    present = set(years)
    if not present:
        return []
    return [y for y in range(min(present), max(present) + 1) if y not in present]


PLACES_SHOWN: Final = 6


def health_table(health: Health, lang: str) -> pd.DataFrame:
    """Coverage per kind: rows, years (gaps named), municipalities, last load."""
    rows = []
    for c in health.coverage:
        years = year_ranges(c.years) or "–"
        missing = missing_years(c.years)
        if missing:
            years = t("data.health_years_missing", lang, years=years, missing=year_ranges(missing))
        places = "–"
        if c.municipalities:
            names = ", ".join(c.municipalities[:PLACES_SHOWN])
            if len(c.municipalities) > PLACES_SHOWN:
                names += ", …"
            places = t("data.health_places", lang, count=len(c.municipalities), names=names)
        loaded = format_datetime(c.last_loaded, lang) if c.last_loaded else None
        rows.append(
            {
                "kind": t(f"kind.{c.kind}", lang),
                "rows": c.rows,
                "years": years,
                "municipalities": places,
                "last_loaded": loaded or t("data.health_never", lang),
            }
        )
    table = pd.DataFrame(rows, columns=["kind", "rows", "years", "municipalities", "last_loaded"])
    return table.rename(columns=lambda c: t(f"data.health_col.{c}", lang))


def gaps_table(
    gaps: Sequence[Gap], detail: Literal["programme", "indicator"], lang: str
) -> pd.DataFrame:
    """Interventions without spend (detail: programme) or outcomes (detail: indicator)."""
    return pd.DataFrame(
        {
            t("data.health_col.intervention_id", lang): [g.intervention_id for g in gaps],
            t("data.health_col.name", lang): [g.name for g in gaps],
            t(f"data.health_col.{detail}", lang): [g.detail or "–" for g in gaps],
        }
    )
