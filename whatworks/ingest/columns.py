"""The column plan: which of the file's columns feeds each contract column.

Columns are matched by name or alias, by ``--map`` (also by position, ``#3``), or ignored;
with ``--years-in-columns`` or ``--indicators-in-columns`` the leftover columns are
unpivoted into the year, period or indicator column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import AMOUNTS, FIRST_YEAR, LAST_YEAR, Kind, column_lookup, columns, normalise_name
from whatworks.ingest.read import RawTable
from whatworks.ingest.report import LoadOptions, Problem, Report

IGNORE_TARGETS = ("", "-", "ignore", "skip")
YEAR_HEADER = re.compile(r"^\s*(\d{4})\s*$")
YEAR_IN_HEADER = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def year_of(header: str) -> int | None:
    """The year a column name holds: alone (``2012``) or among words (``Voranschlag 2012
    EUR``); None when it holds none, or more than one, or one outside the contract's years."""
    years = set(YEAR_IN_HEADER.findall(header))
    if len(years) != 1:
        return None
    year = int(years.pop())
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


POSITION = re.compile(r"^(?:#|col(?:umn)?_?)(\d+)$")

# Words in a year column's name that say which amount it holds: 'Regnskap 2011',
# 'Rekening 2023' and 'Voranschlag 2012' beside each other in one export.
AMOUNT_WORDS = {
    "actual": frozenset(
        ("actual", "actuals", "outturn", "realisatie", "rekening", "jaarrekening", "regnskap",
         "rekneskap", "regnskab", "forbruk", "forbrug", "bokslut", "utfall", "ist", "ergebnis",
         "rechnungsabschluss", "rechnungsergebnis")
    ),
    "budgeted": frozenset(
        ("budget", "budgeted", "begroting", "begroot", "raming", "meerjarenraming", "budsjett",
         "vedtatt", "overslag", "overslagsår", "voranschlag", "ansatz", "haushaltsansatz", "plan",
         "talousarvio")
    ),
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+")


def amount_named(header: str) -> tuple[str, str] | None:
    """The amount a column's name says it holds, and the word that says so (or None)."""
    words = WORD.findall(header.casefold())
    for amount, known in AMOUNT_WORDS.items():
        for word in words:
            if word in known:
                return amount, word
    return None


@dataclass
class Source:
    """Where one contract column's text comes from."""

    expr: str  # SQL over the staging view, e.g. s."c3" or $const_year
    header: str | None  # the file's name for it, for messages


def plan_columns(
    kind: Kind, raw: RawTable, options: LoadOptions, report: Report
) -> tuple[dict[str, Source], list[tuple[str, str]], str | None]:
    """Decide, per contract column, where its text comes from.

    Returns the sources, the columns to unpivot [(safe name, header)], and the contract
    column that receives the unpivoted header (year, period or indicator).
    """
    lookup = column_lookup(kind)
    contract = {s.name for s in columns(kind)}
    by_norm: dict[str, int] = {}
    for i, header in enumerate(raw.header):
        by_norm.setdefault(normalise_name(header), i)

    assigned: dict[str, int] = {}
    ignored: set[int] = set()
    mapped_from: set[int] = set()
    for source, target in options.mapping.items():
        pos = POSITION.match(source.strip().lower())
        if pos:
            index: int | None = int(pos.group(1)) - 1
            if index is not None and not 0 <= index < len(raw.header):
                index = None
        else:
            index = by_norm.get(normalise_name(source))
            wanted = normalise_name(source)
            same = [i for i, h in enumerate(raw.header) if normalise_name(h) == wanted]
            if len(same) > 1:  # --map by a name the file has twice
                _repeated(report, raw.header, same[0], same[1], normalise_name(target))
                continue
        if index is None:
            report.error(
                Problem(
                    None,
                    source,
                    None,
                    "map_source_missing",
                    params={"source": source, "target": target, "columns": ", ".join(raw.header)},
                )
            )
            continue
        norm_target = normalise_name(target)
        if norm_target in IGNORE_TARGETS:
            ignored.add(index)
            continue
        column = lookup.get(norm_target)
        if column is None:
            report.error(
                Problem(
                    None,
                    source,
                    None,
                    "map_target_unknown",
                    params={
                        "source": source,
                        "target": target,
                        "kind": kind.value,
                        "columns": ", ".join(s.name for s in columns(kind)),
                    },
                )
            )
            continue
        if column in assigned and assigned[column] != index:
            report.error(
                Problem(
                    None,
                    source,
                    None,
                    "map_conflict",
                    params={
                        "first": raw.header[assigned[column]],
                        "second": raw.header[index],
                        "column": column,
                    },
                )
            )
            continue
        assigned[column] = index
        mapped_from.add(index)

    by_name: dict[str, int] = {}
    for i, header in enumerate(raw.header):
        if i in ignored or i in mapped_from:
            continue
        column = lookup.get(normalise_name(header))
        if column is None or (column in assigned and column not in by_name):
            continue  # not a contract column, or --map chose its source
        if column in by_name:  # two file columns for one contract column: never a choice
            _repeated(report, raw.header, by_name[column], i, column)
            continue
        by_name[column] = assigned[column] = i

    unpivot: list[tuple[str, str]] = []
    unpivot_target: str | None = None
    taken = set(assigned.values()) | ignored
    if options.years_in_columns:
        unpivot_target = "year" if kind == Kind.budget else "period"
        # Columns named by a year alone; only when there are none, the year among words
        # ('Voranschlag 2012 EUR'), so a '2011-fra-vedt-okonomiplan' beside '2012' stays out.
        free = [(i, h) for i, h in enumerate(raw.header) if i not in taken]
        plain = [(i, h) for i, h in free if YEAR_HEADER.match(h) and year_of(h) is not None]
        worded = [(i, h) for i, h in free if year_of(h) is not None]
        unpivot = [(f"c{i + 1}", h.strip()) for i, h in (plain or worded)]
        if not unpivot:
            report.error(
                Problem(
                    None,
                    None,
                    None,
                    "no_year_columns",
                    params={"columns": ", ".join(raw.header)},
                )
            )
    elif options.indicators_in_columns:
        if kind != Kind.outcomes:
            report.error(
                Problem(
                    None,
                    None,
                    None,
                    "usage",
                    params={"variant": "indicators_in_columns"},
                )
            )
        unpivot_target = "indicator"
        unpivot = [(f"c{i + 1}", h) for i, h in enumerate(raw.header) if i not in taken]
    if unpivot and options.years_in_columns and kind == Kind.budget:
        _amounts_beside_years(raw.header, assigned, unpivot, options.years_as, report)
    seen: dict[str, int] = {}
    for safe, header in unpivot:  # two wide columns for one year or indicator
        index = int(safe[1:]) - 1
        key = str(year_of(header)) if options.years_in_columns else normalise_name(header)
        if key in seen:
            _repeated(report, raw.header, seen[key], index, unpivot_target or "")
        seen.setdefault(key, index)
    if unpivot_target and unpivot_target in assigned:
        report.error(
            Problem(
                None,
                raw.header[assigned[unpivot_target]],
                None,
                "unpivot_conflict",
                params={"column": unpivot_target},
            )
        )

    sources = {
        column: Source(f's."c{index + 1}"', raw.header[index]) for column, index in assigned.items()
    }
    unpivoted = {safe for safe, _ in unpivot}
    used = set(assigned.values()) | ignored
    report.unknown_columns = [
        h for i, h in enumerate(raw.header) if i not in used and f"c{i + 1}" not in unpivoted
    ]
    report.mapping = {
        raw.header[index]: column for column, index in sorted(assigned.items(), key=lambda x: x[1])
    }
    for name in options.constants:
        column = lookup.get(normalise_name(name))
        if column is None or column not in contract:
            report.error(
                Problem(
                    None,
                    None,
                    options.constants[name],
                    "set_unknown",
                    params={"name": name, "kind": kind.value},
                )
            )
    return sources, unpivot, unpivot_target


def _repeated(report: Report, header: list[str], first: int, second: int, column: str) -> None:
    """Two file columns (by position) that would fill one contract column, year or indicator."""
    report.error(
        Problem(
            None,
            header[second],
            None,
            "duplicate_column",
            params={
                "first": header[first],
                "second": header[second],
                "first_at": first + 1,
                "second_at": second + 1,
                "column": column,
            },
        )
    )


def _amounts_beside_years(
    header: list[str],
    assigned: dict[str, int],
    unpivot: list[tuple[str, str]],
    years_as: str | None,
    report: Report,
) -> None:
    """With one column per year, an amount column beside them would stand for every year,
    and a year column named for the other amount ('Regnskap 2011' among budget years)
    would be read as the wrong one: both are errors that say how to load them apart."""
    unpivoted = years_as or AMOUNTS[0]
    for amount in AMOUNTS:
        if amount in assigned:
            name = header[assigned[amount]]
            report.error(
                Problem(
                    None,
                    name,
                    None,
                    "amount_beside_years",
                    params={"header": name, "column": amount},
                )
            )
    for _, name in unpivot:
        named = amount_named(name)
        if named is not None and named[0] != unpivoted:
            report.error(
                Problem(
                    None,
                    name,
                    None,
                    "year_column_other_amount",
                    params={
                        "header": name,
                        "named": named[0],
                        "word": named[1],
                        "amount": unpivoted,
                        "year": year_of(name),
                    },
                )
            )
