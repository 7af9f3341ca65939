"""Staging and conversion: the file's text in DuckDB, and the SQL that types it.

The text cells are staged in the private connection (table ``raw``), filtered by
``--where``, turned into one row per record (view ``src``, unpivoted where the file is
wide), and converted by SQL expressions built from ``models.py``; values travel as
$parameters.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import duckdb

from models import (
    CHOICE_ALIASES,
    FALSE_WORDS,
    MISSING_MARKERS,
    SUBTOTAL_PREFIXES,
    SUBTOTAL_WORDS,
    TRUE_WORDS,
    ColumnSpec,
    Kind,
    column_lookup,
    columns,
    normalise_name,
)
from whatworks import store
from whatworks.ingest.columns import Source, year_of
from whatworks.ingest.read import RawTable
from whatworks.ingest.report import Context, LoadOptions, Problem, Report


def stage(con: duckdb.DuckDBPyConnection, raw: RawTable) -> None:
    if raw.staged:  # read by DuckDB straight into ``raw`` (ingest.fastread)
        return
    width = max(raw.width, len(raw.header))
    names = ["_row", *[f"c{i}" for i in range(1, width + 1)]]
    types = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    con.execute(
        "CREATE TEMP TABLE raw AS SELECT * FROM read_csv(?, header = true, delim = ',', "  # noqa: S608 - names are c1..cN
        f"quote = '\"', escape = '\"', columns = {types}, null_padding = true, parallel = false, "
        "auto_detect = false)",
        [str(raw.csv_path)],
    )
    con.execute("ALTER TABLE raw ALTER _row TYPE INTEGER")


def change_raw(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any] | None = None,
    identifiers: dict[str, str] | None = None,
) -> None:
    """Run the named statement that changes the staged cells. A large CSV is staged as a
    view over the file as DuckDB read it (fastread): the first change makes it a table."""
    if _raw_is_view(con):
        con.execute("CREATE TEMP TABLE raw_cells AS SELECT * FROM raw")
        con.execute("DROP VIEW raw")
        con.execute("ALTER TABLE raw_cells RENAME TO raw")
        con.execute("DROP TABLE rawfile")
    store.run(con, name, params, identifiers)


def _raw_is_view(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'raw' AND temporary"
    ).fetchone()
    return bool(found and found[0])


def drop_raw(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the staged cells (and the file as read under a view of them)."""
    if _raw_is_view(con):
        con.execute("DROP VIEW raw")
        con.execute("DROP TABLE rawfile")
    else:
        con.execute("DROP TABLE raw")


def prepare_cells(
    con: duckdb.DuckDBPyConnection, raw: RawTable, opts: LoadOptions, report: Report
) -> None:
    """The staged text cells as the analyst means them, before --where: more missing markers
    (--missing), Excel's text apostrophe off codes ('00120), group labels filled down
    (--fill-down), values recoded (--recode) and subtotal rows left out (unless --keep-totals).
    """
    cells = [store.ident(f"c{i}") for i in range(1, len(raw.header) + 1)]
    by_norm = {normalise_name(h): i for i, h in enumerate(raw.header)}

    def cell_of(option: str, column: str) -> str | None:
        index = by_norm.get(normalise_name(column))
        if index is None:
            report.error(
                Problem(
                    None,
                    column,
                    None,
                    "option_column_missing",
                    params={"option": option, "column": column, "columns": ", ".join(raw.header)},
                )
            )
            return None
        return store.ident(f"c{index + 1}")

    if opts.missing:
        markers = [m.strip().lower() for m in opts.missing]
        for cell in cells:
            change_raw(con, "staging_missing_markers", {"markers": markers}, {"cell": cell})
    # One pass finds the columns with an apostrophe anywhere (only those are updated) and,
    # unless subtotals are kept, the columns with a cell that can start a subtotal word (only
    # those are counted word by word below). Neither the apostrophe (only before a digit) nor
    # --missing or --fill-down can make a cell start a subtotal word; --recode can.
    totals = not opts.keep_totals and bool(cells)
    aggregates = [f"count(*) FILTER (contains({c}, chr(39)))" for c in cells]
    if totals:
        aggregates += [f"count(*) FILTER (list_contains($initials, ord({c})))" for c in cells]
    found = con.execute(
        f"SELECT {', '.join(aggregates)} FROM raw",  # noqa: S608 - c1..cN
        {"initials": SUBTOTAL_INITIALS} if totals else {},
    ).fetchone() if cells else ()  # fmt: skip
    quoted, starts = (found or ())[: len(cells)], (found or ())[len(cells) :]
    candidates = {c for c, n in zip(cells, starts, strict=False) if n}
    for cell, count in zip(cells, quoted, strict=True):
        if count:
            change_raw(con, "staging_strip_apostrophe", identifiers={"cell": cell})
    for column in opts.fill_down:
        filled = cell_of("--fill-down", column)
        if filled is not None:
            change_raw(con, "staging_fill_down", identifiers={"cell": filled})
    for item in opts.recode:
        column, colon, change = item.partition(":")
        before, equals, after = change.partition("=")
        if not (colon and equals and column.strip() and before.strip()):
            report.error(Problem(None, None, item, "recode_malformed", params={"recode": item}))
            continue
        recoded = cell_of("--recode", column.strip())
        if recoded is not None:
            candidates.add(recoded)
            change_raw(
                con,
                "staging_recode",
                {"to": after.strip(), "from": before.strip()},
                {"cell": recoded},
            )
    if opts.keep_totals or not cells:
        return
    params = {
        "words": list(SUBTOTAL_WORDS),
        "prefixes": list(SUBTOTAL_PREFIXES),
        "lengths": sorted({len(p) for p in SUBTOTAL_PREFIXES}),
        "initials": SUBTOTAL_INITIALS,
    }
    counted = [c for c in cells if c in candidates]  # in column order
    counts = [store.run(con, "staging_subtotals", params, {"cell": c}).fetchone() for c in counted]
    # A column where the words fill more than half the rows holds a category, not subtotals.
    used = [c for c, n in zip(counted, counts, strict=True) if n and n[1] and 2 * n[1] <= n[0]]
    if not used:
        return
    staged = _staged(con)
    for cell in used:
        change_raw(con, "staging_drop_subtotals", params, {"cell": cell})
    dropped = staged - _staged(con)
    if dropped:
        report.note("note.subtotals", count=dropped)


# The first characters (code points) a cell that reads like a subtotal can start with: the
# words' initials in either case and the spaces ww_trim removes. A cell starting otherwise
# is no subtotal, decided without trimming and lower-casing it (millions of cells).
SUBTOTAL_INITIALS: list[int] = sorted(
    {ord(c) for w in (*SUBTOTAL_WORDS, *SUBTOTAL_PREFIXES) for c in (w[0], w[0].upper())}
    | {9, 10, 12, 13, 32, 160, 8239}
)


def _staged(con: duckdb.DuckDBPyConnection) -> int:
    """How many rows the staged file holds now."""
    found = store.run(con, "staging_count").fetchone()
    return int(found[0]) if found else 0


WHERE_OPERATORS = (" in", ">=", "<=", "!", ">", "<")  # how a --where key ends
WHERE = re.compile(r"(?P<column>.+?)\s*(?P<op>!=|>=|<=|=|>|<|\s(?i:in)\s)\s*(?P<value>.*)")


def parse_where(item: str) -> tuple[str, str] | None:
    """A filter as typed (``a=x``, ``a!=x``, ``a>=5``, ``a in x,y``) as the (key, value) that
    :func:`filter_rows` takes: ('a', 'x'), ('a!', 'x'), ('a>=', '5'), ('a in', 'x,y').
    None when it is no filter."""
    parsed = WHERE.fullmatch(item.strip())
    if parsed is None or not parsed["column"].strip():
        return None
    op = parsed["op"].strip().lower()
    suffix = {"=": "", "!=": "!", "in": " in"}.get(op, op)
    return parsed["column"].strip() + suffix, parsed["value"].strip()


def where_text(key: str, value: str) -> str:
    """A filter as typed: the inverse of :func:`parse_where`."""
    op = next((o for o in WHERE_OPERATORS if key.endswith(o)), "")
    column = key[: len(key) - len(op)].strip()
    return f"{column}{ {'': '=', '!': '!=', ' in': ' in '}.get(op, op) }{value}"


def filter_rows(
    con: duckdb.DuckDBPyConnection, raw: RawTable, opts: LoadOptions, report: Report
) -> None:
    """--where: keep only the rows whose cell (trimmed) equals a value (key ``column``), does
    not (``column!``), is one of a list (``column in``: values split at commas) or is a number
    above or below one (``column>``, ``column>=``, ...; in the file's number style)."""
    by_norm = {normalise_name(h): i for i, h in enumerate(raw.header)}
    pairs = opts.where.items() if isinstance(opts.where, dict) else opts.where
    default_decimal = "," if raw.file_format == "csv" and raw.delimiter in (";", "\t") else "."
    decimal = opts.decimal if opts.decimal in (",", ".") else default_decimal
    for key, value in pairs:
        op = next((o for o in WHERE_OPERATORS if key.endswith(o)), "")
        column = key[: len(key) - len(op)].strip()
        shown = where_text(key, value)
        index = by_norm.get(normalise_name(column))
        if index is None:
            report.error(
                Problem(
                    None,
                    column,
                    value,
                    "where_missing",
                    params={"filter": shown, "column": column, "columns": ", ".join(raw.header)},
                )
            )
            continue
        cell = store.ident(f"c{index + 1}")
        params: dict[str, Any] = {
            "op": {"": "=", " in": "in"}.get(op, op),
            "value": value,
            "values": [v.strip() for v in value.split(",")],
            "number": None,
            "dec": decimal,
        }
        if op in (">", "<", ">=", "<="):
            number = con.execute(
                "SELECT ww_num(ww_trim($value), $dec)", {"value": value, "dec": decimal}
            ).fetchone()
            if number is None or number[0] is None:
                report.error(
                    Problem(None, column, value, "where_not_a_number", params={"filter": shown})
                )
                continue
            params["number"] = number[0]
        before = _staged(con)
        change_raw(con, "staging_filter", params, {"cell": cell})
        report.note("note.where", filter=shown, kept=_staged(con), total=before, count=before)


def decide_decimal(
    con: duckdb.DuckDBPyConnection, exprs: list[str], raw: RawTable, options: LoadOptions
) -> str:
    """',' or '.': from the file's own numbers, else from its delimiter.

    ``exprs``: the file's numeric columns as SQL over the view ``src``.
    """
    if options.decimal in (",", "."):
        return options.decimal
    comma = dot = 0
    grouped_comma = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
    grouped_dot = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
    for expr in exprs:
        values = con.execute(
            f"SELECT DISTINCT ww_numtext(ww_clean({expr}, $missing)) AS v FROM src s "  # noqa: S608 - expr from the column plan
            f"WHERE ww_clean({expr}, $missing) IS NOT NULL LIMIT 5000",
            {"missing": list(MISSING_MARKERS)},
        ).fetchall()
        for (value,) in values:
            text = str(value)
            has_comma, has_dot = "," in text, "." in text
            if has_comma and has_dot:
                if text.rfind(",") > text.rfind("."):
                    comma += 1
                else:
                    dot += 1
            elif has_comma and not grouped_comma.match(text):
                comma += 1
            elif has_dot and not grouped_dot.match(text):
                dot += 1
    if comma != dot:
        return "," if comma > dot else "."
    if raw.file_format != "csv":
        return "."
    return "," if raw.delimiter in (";", "\t") else "."


def decide_financial_years(
    con: duckdb.DuckDBPyConnection, expr: str, params: dict[str, Any]
) -> tuple[bool, str | None]:
    """Whether a period column writes financial years, and a value read so though ambiguous.

    ``expr``: the column's text over the view ``src``. '2012-13' cannot be a month, so a
    column holding it is read as financial years throughout ('2011-12' beside it is 2011/12,
    not December 2011). A column whose YYYY-NN values are all both a month and a financial
    year ('2011-12' alone) is read as financial years; the returned value is for the note.
    A column with a month that is no financial year ('2011-11') is read as months.
    """
    sql = (
        f"WITH v AS (SELECT DISTINCT {expr} AS x FROM src s) "  # noqa: S608 - expr from the plan
        "SELECT count(*) FILTER (fy AND NOT month), count(*) FILTER (month AND NOT fy), "
        "min(x) FILTER (fy AND month) FROM (SELECT x, "
        "ww_fy(regexp_extract(x, '^(\\d{4})', 1), regexp_extract(x, '(\\d{2})$', 1)) "
        "IS NOT NULL AS fy, regexp_matches(x, '[-/](0[1-9]|1[0-2])$') AS month "
        "FROM v WHERE regexp_matches(x, '^\\d{4}\\s*[-/]\\s*\\d{2}$'))"
    )
    row = con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchone()
    only_fy, only_month, both = row if row else (0, 0, None)
    if only_month:
        return False, None
    return True, (None if only_fy else both)


def text_expr(column: str, sources: dict[str, Source], constants: dict[str, str]) -> str:
    source = sources.get(column)
    const = f"$const_{column}" if column in constants else None
    if source and const:
        return f"coalesce(ww_clean({source.expr}, $missing), ww_clean({const}, $missing))"
    if source:
        return f"ww_clean({source.expr}, $missing)"
    if const:
        return f"ww_clean({const}, $missing)"
    return "NULL::VARCHAR"


def typed_expr(spec: ColumnSpec, raw_col: str, money_scale: bool) -> str:
    scale = " * $scale" if money_scale else ""
    kind = spec.type
    if kind == "text":
        return raw_col
    if kind == "integer":
        if spec.name == "year":  # a financial year (2016-17, 201617) is its first year
            fy = f"ww_period({raw_col}, true)"
            return (
                f"(CASE WHEN {fy} LIKE '____/__' THEN left({fy}, 4)::BIGINT "
                f"ELSE ww_int({raw_col}) END)::INTEGER"
            )
        return (
            f"CASE WHEN ww_num({raw_col}, $dec) = trunc(ww_num({raw_col}, $dec)) "
            f"THEN try_cast(ww_num({raw_col}, $dec) AS BIGINT) END"
        )
    if kind == "money":
        return f"try_cast(ww_num({raw_col}, $dec){scale} AS DECIMAL(18, 2))"
    if kind == "decimal":
        return f"CAST(ww_real({raw_col}, $dec){scale} AS DOUBLE)"
    if kind == "date":
        return f"ww_date({raw_col})"
    if kind == "boolean":
        return f"ww_bool({raw_col}, $yes, $no)"
    if kind == "period":
        return f"ww_period({raw_col}, $fy)"
    if kind == "currency":
        return f"ww_currency({raw_col}, $currencies)"
    if kind == "enum":
        keys, values = f"$enum_{spec.name}_keys", f"$enum_{spec.name}_values"
        return f"{values}[list_position({keys}, lower({raw_col}))]"
    msg = f"no conversion for type {kind}"
    raise ValueError(msg)


def _defaults(kind: Kind, context: Context) -> dict[str, str | None]:
    defaults: dict[str, str | None] = {
        spec.name: spec.col.default for spec in columns(kind) if spec.col.default
    }
    if kind in (Kind.budget, Kind.outcomes):
        defaults["municipality"] = context.home_municipality
    if kind == Kind.budget:
        defaults["currency"] = context.default_currency
    return defaults


def query_params(
    kind: Kind, options: LoadOptions, context: Context, decimal: str
) -> dict[str, Any]:
    from babel.numbers import list_currencies

    params: dict[str, Any] = {
        "dec": decimal,
        "scale": options.scale if options.scale is not None else Decimal(1),
        "yes": list(TRUE_WORDS),
        "no": list(FALSE_WORDS),
        "currencies": sorted(list_currencies()),
        "missing": list(MISSING_MARKERS),
    }
    for spec in columns(kind):
        if spec.type == "enum":
            words = {c: c for c in spec.choices}
            words.update(CHOICE_ALIASES.get(spec.name, {}))
            params[f"enum_{spec.name}_keys"] = list(words)
            params[f"enum_{spec.name}_values"] = list(words.values())
    lookup = column_lookup(kind)
    for name, value in options.constants.items():
        column = lookup.get(normalise_name(name))
        if column:
            params[f"const_{column}"] = value
    for column, default in _defaults(kind, context).items():
        params[f"default_{column}"] = default
    return params


def make_source_view(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    sources: dict[str, Source],
    unpivot: list[tuple[str, str]],
    unpivot_target: str | None,
    value_column: str,
    report: Report,
) -> None:
    """The view ``src``: one row per record, unpivoted where the file is wide."""
    if not unpivot or unpivot_target is None:
        con.execute("CREATE TEMP VIEW src AS SELECT *, NULL::VARCHAR AS _src FROM raw")
        return
    con.execute("CREATE TEMP TABLE unpivot_names (_col VARCHAR, _src VARCHAR, _key VARCHAR)")
    by_year = unpivot_target in ("year", "period")  # the year in the name: 'Voranschlag 2012'
    names = [(safe, h, str(year_of(h)) if by_year else h) for safe, h in unpivot]
    con.executemany("INSERT INTO unpivot_names VALUES (?, ?, ?)", names)
    on = ", ".join(store.ident(safe) for safe, _ in unpivot)
    keep = ", ".join(
        store.ident(n)
        for n in ["_row", *[f"c{i}" for i in range(1, len(raw.header) + 1)]]
        if n not in {safe for safe, _ in unpivot}
    )
    con.execute(
        f"CREATE TEMP TABLE src AS SELECT u.*, n._src, n._key AS _unpivot_key "  # noqa: S608
        f"FROM (UNPIVOT (SELECT {keep}, {on} FROM raw) ON {on} INTO NAME _col VALUE _val) u "
        "JOIN unpivot_names n USING (_col) WHERE ww_clean(u._val, $missing) IS NOT NULL "
        "ORDER BY u._row, n._src",
        {"missing": list(MISSING_MARKERS)},
    )
    rows = con.execute("SELECT count(*) FROM raw").fetchone()  # after --where
    cell_count = (int(rows[0]) if rows else 0) * len(unpivot)
    kept = con.execute("SELECT count(*) FROM src").fetchone()
    dropped = cell_count - (int(kept[0]) if kept else 0)
    if dropped:
        report.note("note.empty_cells", count=dropped, column=unpivot_target)
    sources[unpivot_target] = Source("s._unpivot_key", None)
    sources[value_column] = Source("s._val", None)
    report.mapping.update({h: f"{unpivot_target} (+ {value_column})" for _, h in unpivot})
