"""The checks on the typed rows, and their messages.

Types, required values, ranges, choices and row rules are generated from ``models.py`` and
run vectorised over the table ``typed``; then duplicates, and (for a clean file) warnings.
Every problem carries the spreadsheet row, the column as the file names it, the value and
a plain message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import duckdb

from models import (
    AMOUNTS,
    FIRST_YEAR,
    LAST_YEAR,
    ROW_RULES,
    UNIQUE_IN_FILE,
    ColumnSpec,
    Kind,
    RowRule,
    column_lookup,
    columns,
    normalise_name,
)
from whatworks import store
from whatworks.i18n import catalogue
from whatworks.ingest.columns import Source
from whatworks.ingest.report import Context, LoadOptions, Problem, Report

# The problem code of a value that is not of its column's type.
TYPE_CODES: dict[str, str] = {
    "money": "not_a_number",
    "decimal": "not_a_number",
    "integer": "not_a_whole_number",
    "date": "not_a_date",
    "boolean": "not_a_boolean",
    "period": "not_a_period",
    "currency": "not_a_currency",
    "enum": "not_a_choice",
}


def _type_problem(spec: ColumnSpec, value: str, decimal: str) -> tuple[str, dict[str, Any]]:
    """The code and the values (column, value, ...) of a type error."""
    code = TYPE_CODES.get(spec.type, "invalid")
    params: dict[str, Any] = {"column": spec.name, "value": value}
    if code == "not_a_number":
        params["style"] = "1.234.567,89" if decimal == "," else "1,234,567.89"
    elif code == "not_a_choice":
        params["choices"] = ", ".join(spec.choices)
    return code, params


def row_rule_sql(rule: RowRule) -> str:
    """The SQL condition, over the table ``typed``, of the rows that break ``rule``."""
    given = [f"{store.ident(c + '__raw')} IS NOT NULL" for c in rule.columns]
    if rule.check == "any_given":
        return " AND ".join(f"NOT {g}" for g in given)
    if rule.check == "not_above":
        low, high = (store.ident(c) for c in rule.columns)
        return f"{low} > {high}"
    return f"{given[0]} AND NOT {given[1]}"


def _fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> Iterator[tuple[Any, ...]]:
    result = con.execute(sql, used(sql, params or {}))
    while batch := result.fetchmany(2000):
        yield from batch


def used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``params`` that ``sql`` names as $parameters."""
    names = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    return {k: v for k, v in params.items() if k in names}


def check_typed(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    sources: dict[str, Source],
    unpivot_target: str | None,
    opts: LoadOptions,
    ctx: Context,
    decimal: str,
    report: Report,
) -> None:
    """Check the table ``typed``: errors into the report, then warnings if there were none."""
    specs = columns(kind)

    def header_of(column: str) -> str:
        source = sources.get(column)
        if source and source.header:
            return source.header
        if column in opts.constants or any(normalise_name(k) == column for k in opts.constants):
            return f"--set {column}"
        return column

    # Rows with no value where one is required (a column, or one of a group): skipped when asked.
    groups = [rule.columns for rule in ROW_RULES[kind] if rule.check == "any_given"]
    needed = [(s.name,) for s in specs if s.required] + groups
    if opts.skip_missing and needed:
        lists = [", ".join(store.ident(c + "__raw") for c in cols) for cols in needed]
        rows = sorted(
            {
                r[0]
                for names in lists
                for r in store.run(con, "typed_missing_rows", None, {"columns": names}).fetchall()
            }
        )
        if rows:
            for names in lists:
                store.run(con, "typed_drop_missing_rows", None, {"columns": names})
            listed = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            report.warnings.append(
                Problem(
                    None,
                    None,
                    None,
                    "skipped_missing",
                    params={"count": len(rows), "rows": listed},
                )
            )

    # (sql, column, code, the message's values); the contract's bounds travel in ``bound``.
    checks: list[tuple[str, str, str, dict[str, Any]]] = []
    bound: dict[str, Any] = {"first_year": FIRST_YEAR, "last_year": LAST_YEAR}
    lookup = column_lookup(kind)
    given = set(sources) | {lookup.get(normalise_name(k), k) for k in opts.constants}
    absent = [s for s in specs if s.required and s.name not in given and s.name != unpivot_target]
    # A group of which one column is required, none given: named by its last column.
    absent += [s for g in groups if not given & set(g) for s in specs if s.name == g[-1]]
    for spec in absent:
        aliases = ", ".join(spec.aliases)
        report.error(
            Problem(
                None,
                spec.name,
                None,
                "column_missing",
                spec.name,
                params={
                    "column": spec.name,
                    "aliases": aliases,
                    "columns": ", ".join(_headers(sources, report)),
                    "variant": "_".join(
                        (["no_aliases"] if not aliases else [])
                        + (["no_set"] if any(spec.name in g for g in groups) else [])
                    ),
                },
            )
        )
    # A missing column hides nothing else: the other columns' rows are still checked.
    missing = {s.name for s in absent} | {c for g in groups if not given & set(g) for c in g}
    for spec in specs:
        if spec.name in missing:
            continue
        col = store.ident(spec.name)
        raw = store.ident(spec.name + "__raw")
        if spec.required:
            checks.append((f"{raw} IS NULL", spec.name, "required", {"column": spec.name}))
        checks.append((f"{raw} IS NOT NULL AND {col} IS NULL", spec.name, "type", {}))
        low, high = spec.col.minimum, spec.col.maximum
        bound[f"min_{spec.name}"], bound[f"max_{spec.name}"] = low, high
        if spec.type == "period" and low is not None:
            checks.append(
                (
                    f"{col} IS NOT NULL AND "
                    f"(left({col}, 4)::INTEGER NOT BETWEEN $min_{spec.name} AND $max_{spec.name})",
                    spec.name,
                    "period_range",
                    {"column": spec.name, "minimum": str(low), "maximum": str(high)},
                )
            )
        elif spec.type == "date":  # a date lies in the contract's years too (not 0000-01-01)
            checks.append(
                (
                    f"{col} IS NOT NULL AND year({col}) NOT BETWEEN $first_year AND $last_year",
                    spec.name,
                    "period_range",
                    {"column": spec.name, "minimum": str(FIRST_YEAR), "maximum": str(LAST_YEAR)},
                )
            )
        elif spec.col.minimum is not None:
            op = "<=" if spec.col.exclusive_minimum else "<"
            # A column may have its own words for this (problem.too_small.<column>: a hint).
            hint = f"problem.too_small.{spec.name}" in catalogue("en")
            checks.append(
                (
                    f"{col} {op} $min_{spec.name}",
                    spec.name,
                    "too_small",
                    {
                        "column": spec.name,
                        "minimum": str(spec.col.minimum),
                        "variant": "above"
                        if spec.col.exclusive_minimum
                        else (spec.name if hint else ""),
                    },
                )
            )
        if spec.col.maximum is not None and spec.type != "period":
            checks.append(
                (
                    f"{col} > $max_{spec.name}",
                    spec.name,
                    "too_large",
                    {"column": spec.name, "maximum": str(spec.col.maximum)},
                )
            )
    checks += [
        (row_rule_sql(r), r.field, r.code, {})
        for r in ROW_RULES[kind]
        if not (r.check == "any_given" and set(r.columns) <= missing)
    ]
    by_name = {s.name: s for s in specs}
    first = [c for c in checks if c[2] in ("type", "required")]
    later = [c for c in checks if c[2] not in ("type", "required")]
    _run_checks(con, first, bound, by_name, decimal, report, header_of)
    rounded = _count_rounded(con, kind, opts, decimal)
    if opts.sum_lines and kind == Kind.budget:
        if not report.ok:
            report.errors.sort(key=lambda p: p.row or 0)
            return
        _sum_lines(con, report)
    _run_checks(con, later, bound, by_name, decimal, report, header_of)
    has_column = "municipality" in sources or "municipality" in given
    if kind in (Kind.budget, Kind.outcomes) and not ctx.home_municipality and has_column:
        sql = "SELECT _row FROM typed WHERE municipality IS NULL ORDER BY _row"
        for (row,) in _fetch(con, sql):
            report.error(
                Problem(
                    int(row),
                    header_of("municipality"),
                    None,
                    "no_municipality",
                    "municipality",
                )
            )
    _check_unique(con, kind, report, header_of)
    report.errors.sort(key=lambda p: p.row or 0)
    if report.ok:
        _warn(con, kind, ctx, opts, report, header_of, rounded)


def _headers(sources: dict[str, Source], report: Report) -> list[str]:
    named = [h for h in report.mapping if h]
    return named + [h for h in report.unknown_columns if h not in named]


def _run_checks(
    con: duckdb.DuckDBPyConnection,
    checks: list[tuple[str, str, str, dict[str, Any]]],
    bound: dict[str, Any],
    by_name: dict[str, ColumnSpec],
    decimal: str,
    report: Report,
    header_of: Any,
) -> None:
    if not checks:
        return
    # One pass counts what every check finds; only a check that finds something is looked
    # at row by row. The conditions name contract columns (store.ident); values are bound.
    counts = ", ".join(f"count(*) FILTER ({condition})" for condition, *_ in checks)
    sql = f"SELECT {counts} FROM typed"  # noqa: S608 - contract names, values bound
    found = con.execute(sql, used(sql, bound)).fetchone()
    assert found is not None  # an aggregate always returns a row
    for (condition, column, code, values), count in zip(checks, found, strict=True):
        if not count:
            continue
        raw = store.ident(column + "__raw")
        sql = f"SELECT _row, _src, {raw} FROM typed WHERE {condition} ORDER BY _row"  # noqa: S608
        for row, src, value in _fetch(con, sql, bound):
            if code == "type":
                code_out, params = _type_problem(by_name[column], str(value), decimal)
            else:
                code_out, params = code, dict(values)
            # A wide file's value cell is named by its column header (the year).
            where = src if src and column in (*AMOUNTS, "value") else None
            report.error(
                Problem(
                    int(row),
                    where or header_of(column),
                    value,
                    code_out,
                    column,
                    params=params,
                )
            )


def _sum_lines(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Budget lines with the same year, programme, intervention, ... become one row."""
    keys = [s.name for s in columns(Kind.budget) if s.name not in AMOUNTS]
    select = ["min(_row) AS _row", "any_value(_src) AS _src"]
    for key in keys:
        select.append(f"any_value({store.ident(key + '__raw')}) AS {store.ident(key + '__raw')}")
        select.append(store.ident(key))
    for amount in AMOUNTS:
        col = store.ident(amount)
        select.append(f"CAST(sum({col}) AS VARCHAR) AS {store.ident(amount + '__raw')}")
        select.append(f"CAST(sum({col}) AS DECIMAL(18, 2)) AS {col}")
    group = ", ".join(store.ident(k) for k in keys)
    before = con.execute("SELECT count(*) FROM typed").fetchone()
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE typed AS SELECT {', '.join(select)} FROM typed "  # noqa: S608
        f"GROUP BY {group}"
    )
    after = con.execute("SELECT count(*) FROM typed").fetchone()
    if before and after:
        report.note("note.summed", lines=before[0], rows=after[0], count=after[0])


def _check_unique(
    con: duckdb.DuckDBPyConnection, kind: Kind, report: Report, header_of: Any
) -> None:
    keys = UNIQUE_IN_FILE[kind]
    all_cols = ", ".join(store.ident(s.name) for s in columns(kind))
    if not keys:
        # Lines may repeat (two equal payments), but a file exported twice repeats them all:
        # every row is loaded, and the repetition is said.
        repeated = con.execute(
            f"SELECT count(*) - 1, min(_row) FROM typed GROUP BY {all_cols} "  # noqa: S608
            "HAVING count(*) > 1 ORDER BY 2"
        ).fetchall()
        if repeated:
            firsts = ", ".join(str(r[1]) for r in repeated[:10])
            count = sum(int(r[0]) for r in repeated)
            firsts += " …" if len(repeated) > 10 else ""
            report.warnings.append(
                Problem(None, None, None, "identical_rows", params={"count": count, "rows": firsts})
            )
        return
    key_cols = ", ".join(store.ident(k) for k in keys)
    # Every key's hash different: no key repeats (nor, then, a whole row), decided by one
    # cheap pass; equal hashes (a repeat, or rarely a collision) are looked at exactly below.
    distinct = con.execute(
        f"SELECT count(*) = count(DISTINCT hash({key_cols})) FROM typed"  # noqa: S608
    ).fetchone()
    if distinct and distinct[0]:
        return
    # The same row twice is harmless: keep one, say so.
    dup = con.execute(
        f"SELECT count(*) - count(DISTINCT ({all_cols})), "  # noqa: S608
        f"count(*) - count(DISTINCT ({key_cols})) FROM typed"
    ).fetchone()
    if dup and dup[0]:
        con.execute(
            # By rowid: the rows of one wide file row share their _row.
            f"DELETE FROM typed WHERE rowid NOT IN (SELECT min(rowid) FROM typed "  # noqa: S608
            f"GROUP BY {all_cols})"
        )
        report.warnings.append(
            Problem(
                None,
                None,
                None,
                "exact_duplicate",
                params={"count": dup[0]},
            )
        )
    if dup and dup[0] == dup[1]:
        return  # every repeated key is an exact duplicate (one kept): no two rows conflict
    sql = (
        f"SELECT _row, first_row, {key_cols} FROM (SELECT *, "  # noqa: S608
        f"min(_row) OVER (PARTITION BY {key_cols}) AS first_row, "
        f"count(*) OVER (PARTITION BY {key_cols}) AS _count FROM typed) "  # outcomes have an n
        "WHERE _count > 1 AND _row <> first_row ORDER BY _row"
    )
    # Name the first key column that comes from the file (not a --set constant).
    named = next((i for i, k in enumerate(keys) if not header_of(k).startswith("--set")), 0)
    for row, first, *values in _fetch(con, sql):
        shown = ", ".join(f"{k}={v}" for k, v in zip(keys, values, strict=True) if v is not None)
        report.error(
            Problem(
                int(row),
                header_of(keys[named]),
                str(values[named]),
                "duplicate",
                keys[named],
                params={"first": first, "keys": " × ".join(keys), "values": shown},
            )
        )


def _count_rounded(
    con: duckdb.DuckDBPyConnection, kind: Kind, opts: LoadOptions, decimal: str
) -> int:
    """Amounts with more than two decimals: the typed column holds them rounded to cents.

    Counted on the file's own lines, before --sum adds them up (a sum's text is no cell).
    """
    money = [s.name for s in columns(kind) if s.type == "money"]
    if not money:
        return 0
    raw_of = {m: store.ident(m + "__raw") for m in money}
    counts = [
        f"count(*) FILTER (ww_num({raw_of[m]}, $dec) * $scale <> {store.ident(m)})" for m in money
    ]
    rounded = con.execute(
        f"SELECT {' + '.join(counts)} FROM typed",  # noqa: S608 - the contract's columns
        {"dec": decimal, "scale": opts.scale or Decimal(1)},
    ).fetchone()
    return int(rounded[0]) if rounded and rounded[0] else 0


def _warn(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    ctx: Context,
    opts: LoadOptions,
    report: Report,
    header_of: Any,
    rounded: int,
) -> None:
    for column in report.unknown_columns:
        report.warnings.append(
            Problem(
                None,
                column,
                None,
                "unknown_column",
                params={"column": column, "kind": kind.value},
            )
        )
    for spec in columns(kind):
        if not spec.col.warn_negative:
            continue
        col, raw = store.ident(spec.name), store.ident(spec.name + "__raw")
        sql = f"SELECT _row, {raw} FROM typed WHERE {col} < 0 ORDER BY _row"  # noqa: S608
        for row, value in _fetch(con, sql):
            report.warnings.append(
                Problem(
                    int(row),
                    header_of(spec.name),
                    value,
                    f"negative_{spec.name}",
                    spec.name,
                    params={"value": value},
                )
            )
    if rounded:
        report.warnings.append(Problem(None, None, None, "rounded", params={"count": rounded}))
    if kind in (Kind.budget, Kind.outcomes) and ctx.known_interventions is not None:
        sql = (
            "SELECT intervention_id, min(_row), count(*) FROM typed "
            "WHERE intervention_id IS NOT NULL AND NOT list_contains($known, intervention_id) "
            "GROUP BY intervention_id ORDER BY min(_row)"
        )
        for iid, row, count in _fetch(con, sql, {"known": sorted(ctx.known_interventions)}):
            report.warnings.append(
                Problem(
                    int(row),
                    header_of("intervention_id"),
                    iid,
                    "unknown_intervention",
                    "intervention_id",
                    params={"intervention": iid, "count": count},
                )
            )
    if kind == Kind.outcomes:
        sql = (
            "SELECT indicator, min(_row) FROM typed GROUP BY indicator "
            "HAVING count(DISTINCT higher_is_better) > 1 ORDER BY min(_row)"
        )
        for indicator, row in _fetch(con, sql):
            report.warnings.append(
                Problem(
                    int(row),
                    header_of("higher_is_better"),
                    indicator,
                    "direction_disagrees",
                    "higher_is_better",
                    params={"indicator": indicator},
                )
            )
    if kind in (Kind.outcomes, Kind.indicators) and ctx.indicator_direction:
        sql = (
            "SELECT indicator, any_value(higher_is_better), min(_row) FROM typed "
            "WHERE higher_is_better IS NOT NULL GROUP BY indicator "
            "HAVING count(DISTINCT higher_is_better) = 1 ORDER BY min(_row)"
        )
        for indicator, direction, row in _fetch(con, sql):
            stored = ctx.indicator_direction.get(indicator)
            if stored is not None and stored != direction:
                report.warnings.append(
                    Problem(
                        int(row),
                        header_of("higher_is_better"),
                        str(direction).lower(),
                        "direction_disagrees",
                        "higher_is_better",
                        params={
                            "indicator": indicator,
                            "stored": str(stored).lower(),
                            "given": str(direction).lower(),
                            "variant": "stored",
                        },
                    )
                )
