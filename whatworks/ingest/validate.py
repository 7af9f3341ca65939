"""Validate a whole file against the contract, in DuckDB, before anything is written.

The file's text cells are staged in a private in-memory DuckDB connection; the checks are
generated from ``models.py`` (types, required columns, ranges, choices, row rules) and run
vectorised, so a large file is checked as fast as it is read. Every problem is collected
with the spreadsheet row, the column as the file names it, the value and a plain message.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from models import (
    FALSE_WORDS,
    TRUE_WORDS,
    UNIQUE_IN_FILE,
    ColumnSpec,
    Kind,
    column_lookup,
    columns,
    normalise_name,
)
from whatworks import store
from whatworks.ingest.read import RawTable, ReadError, ReadOptions, read_table

MAX_LISTED = 10_000
IGNORE_TARGETS = ("", "-", "ignore", "skip")
YEAR_HEADER = re.compile(r"^\s*(\d{4})\s*$")
POSITION = re.compile(r"^(?:#|col(?:umn)?_?)(\d+)$")

# Words accepted for enum columns besides the contract's own (nl, da, nb).
ENUM_SYNONYMS: dict[str, dict[str, str]] = {
    "stage": {
        "idee": "idea",
        "ide": "idea",
        "idé": "idea",
        "proef": "pilot",
        "pilotfase": "pilot",
        "forsøg": "pilot",
        "forsøk": "pilot",
        "opschaling": "scaling",
        "opskalering": "scaling",
        "oppskalering": "scaling",
        "standaard": "standard",
        "regulier": "standard",
        "drift": "standard",
        "gestopt": "stopped",
        "beëindigd": "stopped",
        "stoppet": "stopped",
        "afsluttet": "stopped",
        "avsluttet": "stopped",
    },
    "evidence_level": {
        "geen": "none",
        "ingen": "none",
        "goed beschreven": "described",
        "beschreven": "described",
        "beskrevet": "described",
        "theoretisch onderbouwd": "theory",
        "teoretisk": "theory",
        "teori": "theory",
        "eerste aanwijzingen": "indicative",
        "indicatief": "indicative",
        "indikativ": "indicative",
        "goede aanwijzingen": "effective",
        "effectief": "effective",
        "effektiv": "effective",
        "sterke aanwijzingen": "strong",
        "sterk": "strong",
    },
}


@dataclass
class Problem:
    """One error or warning, as the analyst needs it to fix the file."""

    row: int | None
    column: str | None
    value: str | None
    message: str
    code: str = ""
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "code": self.code,
            "field": self.field,
        }


@dataclass
class LoadOptions:
    """Everything an analyst can say about how to read a file (CLI flags, Data page)."""

    mapping: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    skip_rows: int | None = None
    no_header: bool = False
    delimiter: str | None = None
    encoding: str | None = None
    decimal: str | None = None
    years_in_columns: bool = False
    years_as: str | None = None
    indicators_in_columns: bool = False
    scale: Decimal | None = None
    skip_missing: bool = False
    # --where filters, in order; the same column may appear more than once.
    where: list[tuple[str, str]] | dict[str, str] = field(default_factory=list)
    sum_lines: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The options that differ from the defaults (for the version record)."""
        out: dict[str, Any] = {}
        for name, default in LoadOptions().__dict__.items():
            value = getattr(self, name)
            if value != default and name != "mapping":
                out[name] = str(value) if isinstance(value, Decimal) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LoadOptions:
        known = {k: v for k, v in data.items() if k in LoadOptions().__dict__}
        if known.get("scale") is not None:
            known["scale"] = Decimal(str(known["scale"]))
        if isinstance(known.get("where"), list):
            known["where"] = [(str(k), str(v)) for k, v in known["where"]]
        return cls(**known)


@dataclass
class Context:
    """What the validator needs to know of the data already loaded."""

    home_municipality: str | None = None
    default_currency: str = "EUR"
    known_interventions: set[str] | None = None
    indicator_direction: dict[str, bool] = field(default_factory=dict)


@dataclass
class Report:
    """The load report: the same structure for the CLI's --json and the Data page."""

    kind: str
    file: str
    rows: int = 0
    inserted: int = 0
    replaced: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    version: int | None = None
    sha256: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    dialect: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, problem: Problem) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(problem)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "kind": self.kind,
            "file": self.file,
            "rows": self.rows,
            "inserted": self.inserted,
            "replaced": self.replaced,
            "errors": [p.as_dict() for p in self.errors],
            "error_count": max(self.error_count, len(self.errors)),
            "warnings": [p.as_dict() for p in self.warnings],
            "version": self.version,
            "sha256": self.sha256,
            "mapping": self.mapping,
            "unknown_columns": self.unknown_columns,
            "dialect": self.dialect,
            "notes": self.notes,
        }


@dataclass
class Prepared:
    """A validated file: the report, and (when it has no errors) the typed rows."""

    report: Report
    con: duckdb.DuckDBPyConnection | None = None
    work_dir: Path | None = None

    def export(self, path: Path) -> None:
        """Write the typed rows (contract columns only) to a Parquet file for the loader."""
        if self.con is None:
            msg = "nothing to export: the file did not validate"
            raise ValueError(msg)
        self.con.execute(f"COPY incoming TO '{_safe_path(path)}' (FORMAT parquet)")


def _safe_path(path: Path) -> str:
    text = str(path)
    if "'" in text:
        msg = f"unsupported character in temporary path {text!r}"
        raise ValueError(msg)
    return text


# --------------------------------------------------------------------------- messages


def _type_message(spec: ColumnSpec, value: str, decimal: str) -> tuple[str, str]:
    name = spec.name
    if spec.type in ("money", "decimal"):
        style = "1.234.567,89" if decimal == "," else "1,234,567.89"
        return (
            "not_a_number",
            f"{name}: '{value}' is not a number (this file writes numbers like {style})",
        )
    if spec.type == "integer":
        return "not_a_whole_number", f"{name}: '{value}' is not a whole number"
    if spec.type == "date":
        return (
            "not_a_date",
            f"{name}: '{value}' is not a date (write 2025-03-01, 01-03-2025, 01.03.2025 "
            "or 1/3/2025)",
        )
    if spec.type == "boolean":
        return "not_a_boolean", f"{name}: '{value}' is not yes/no (write true/false, ja/nee, 1/0)"
    if spec.type == "period":
        return (
            "not_a_period",
            f"{name}: '{value}' is not a period (write 2025, 2025-Q3, 2025-05, a date, or a "
            "financial year 2021/22)",
        )
    if spec.type == "currency":
        return "not_a_currency", f"{name}: '{value}' is not an ISO 4217 currency code (e.g. EUR)"
    if spec.type == "enum":
        return "not_a_choice", f"{name}: '{value}' must be one of {', '.join(spec.col.choices)}"
    return "invalid", f"{name}: '{value}' is not valid"


# --------------------------------------------------------------------------- column plan


@dataclass
class _Source:
    """Where one contract column's text comes from."""

    expr: str  # SQL over the staging view, e.g. s."c3" or $const_year
    header: str | None  # the file's name for it, for messages


def _plan_columns(
    kind: Kind, raw: RawTable, options: LoadOptions, report: Report
) -> tuple[dict[str, _Source], list[tuple[str, str]], str | None]:
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
        if index is None:
            report.error(
                Problem(
                    None,
                    source,
                    None,
                    f"--map {source}={target}: the file has no column '{source}'; its columns "
                    f"are: {', '.join(raw.header)}",
                    "map_source_missing",
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
                    f"--map {source}={target}: '{target}' is not a {kind.value} column; the "
                    f"columns are: {', '.join(s.name for s in columns(kind))}",
                    "map_target_unknown",
                )
            )
            continue
        if column in assigned and assigned[column] != index:
            report.error(
                Problem(
                    None,
                    source,
                    None,
                    f"both '{raw.header[assigned[column]]}' and '{raw.header[index]}' are mapped "
                    f"to {column}",
                    "map_conflict",
                )
            )
            continue
        assigned[column] = index
        mapped_from.add(index)

    for i, header in enumerate(raw.header):
        if i in ignored or i in mapped_from:
            continue
        column = lookup.get(normalise_name(header))
        if column is None or column in assigned:
            continue
        assigned[column] = i

    unpivot: list[tuple[str, str]] = []
    unpivot_target: str | None = None
    taken = set(assigned.values()) | ignored
    if options.years_in_columns:
        unpivot_target = "year" if kind == Kind.budget else "period"
        unpivot = [
            (f"c{i + 1}", h.strip())
            for i, h in enumerate(raw.header)
            if i not in taken and (m := YEAR_HEADER.match(h)) and 1900 <= int(m.group(1)) <= 2100
        ]
        if not unpivot:
            report.error(
                Problem(
                    None,
                    None,
                    None,
                    "--years-in-columns: no column is named like a year (e.g. 2024); the "
                    f"columns are: {', '.join(raw.header)}",
                    "no_year_columns",
                )
            )
    elif options.indicators_in_columns:
        if kind != Kind.outcomes:
            report.error(
                Problem(None, None, None, "--indicators-in-columns is only for outcomes", "usage")
            )
        unpivot_target = "indicator"
        unpivot = [(f"c{i + 1}", h) for i, h in enumerate(raw.header) if i not in taken]
    if unpivot_target and unpivot_target in assigned:
        report.error(
            Problem(
                None,
                raw.header[assigned[unpivot_target]],
                None,
                f"the file has a {unpivot_target} column and its {unpivot_target}s in the "
                "column names; map one of them away",
                "unpivot_conflict",
            )
        )

    sources = {
        column: _Source(f's."c{index + 1}"', raw.header[index])
        for column, index in assigned.items()
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
                    f"--set {name}=...: '{name}' is not a {kind.value} column",
                    "set_unknown",
                )
            )
    return sources, unpivot, unpivot_target


# --------------------------------------------------------------------------- staging


def _stage(con: duckdb.DuckDBPyConnection, raw: RawTable) -> None:
    names = ["_row", *[f"c{i}" for i in range(1, len(raw.header) + 1)]]
    types = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    con.execute(
        "CREATE TEMP TABLE raw AS SELECT * FROM read_csv(?, header = true, delim = ',', "  # noqa: S608 - names are c1..cN
        f"quote = '\"', escape = '\"', columns = {types}, null_padding = true, parallel = false, "
        "auto_detect = false)",
        [str(raw.csv_path)],
    )
    con.execute("ALTER TABLE raw ALTER _row TYPE INTEGER")


def _filter_rows(
    con: duckdb.DuckDBPyConnection, raw: RawTable, opts: LoadOptions, report: Report
) -> None:
    """--where COLUMN=VALUE: keep only the rows whose cell (trimmed) equals the value."""
    by_norm = {normalise_name(h): i for i, h in enumerate(raw.header)}
    pairs = opts.where.items() if isinstance(opts.where, dict) else opts.where
    for key, value in pairs:
        exclude = key.endswith("!")
        column = key[:-1].strip() if exclude else key
        shown = f"{column}{'!=' if exclude else '='}{value}"
        index = by_norm.get(normalise_name(column))
        if index is None:
            report.error(
                Problem(
                    None,
                    column,
                    value,
                    f"--where {shown}: the file has no column "
                    f"'{column}'; its columns are: {', '.join(raw.header)}",
                    "where_missing",
                )
            )
            continue
        cell = store.ident(f"c{index + 1}")
        before = con.execute("SELECT count(*) FROM raw").fetchone()
        op = "=" if exclude else "<>"
        con.execute(
            f"DELETE FROM raw WHERE coalesce(trim({cell}), '') {op} trim($value)",  # noqa: S608
            {"value": value},
        )
        after = con.execute("SELECT count(*) FROM raw").fetchone()
        if before and after:
            report.notes.append(f"--where {shown}: kept {after[0]} of {before[0]} row(s)")


def _decide_decimal(
    con: duckdb.DuckDBPyConnection, exprs: list[str], raw: RawTable, options: LoadOptions
) -> str:
    """',' or '.': from the file's own numbers, else from its delimiter."""
    if options.decimal in (",", "."):
        return options.decimal
    comma = dot = 0
    grouped_comma = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
    grouped_dot = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
    for expr in exprs:
        values = con.execute(
            f"SELECT DISTINCT ww_numtext(ww_clean({expr})) AS v FROM src s "  # noqa: S608 - expr from the column plan
            "WHERE ww_clean(" + expr + ") IS NOT NULL LIMIT 5000"
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


def _text_expr(column: str, sources: dict[str, _Source], constants: dict[str, str]) -> str:
    source = sources.get(column)
    const = f"$const_{column}" if column in constants else None
    if source and const:
        return f"coalesce(ww_clean({source.expr}), ww_clean({const}))"
    if source:
        return f"ww_clean({source.expr})"
    if const:
        return f"ww_clean({const})"
    return "NULL::VARCHAR"


def _typed_expr(spec: ColumnSpec, raw_col: str, money_scale: bool) -> str:
    scale = " * $scale" if money_scale else ""
    kind = spec.type
    if kind == "text":
        return raw_col
    if kind == "integer":
        if spec.name == "year":
            return f"ww_int({raw_col})::INTEGER"
        return (
            f"CASE WHEN ww_num({raw_col}, $dec) = trunc(ww_num({raw_col}, $dec)) "
            f"THEN try_cast(ww_num({raw_col}, $dec) AS BIGINT) END"
        )
    if kind == "money":
        return f"try_cast(ww_num({raw_col}, $dec){scale} AS DECIMAL(18, 2))"
    if kind == "decimal":
        return f"CAST(ww_num({raw_col}, $dec){scale} AS DOUBLE)"
    if kind == "date":
        return f"ww_date({raw_col})"
    if kind == "boolean":
        return f"ww_bool({raw_col}, $yes, $no)"
    if kind == "period":
        return f"ww_period({raw_col})"
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


def _params(kind: Kind, options: LoadOptions, context: Context, decimal: str) -> dict[str, Any]:
    from babel.numbers import list_currencies

    params: dict[str, Any] = {
        "dec": decimal,
        "scale": options.scale if options.scale is not None else Decimal(1),
        "yes": list(TRUE_WORDS),
        "no": list(FALSE_WORDS),
        "currencies": sorted(list_currencies()),
    }
    for spec in columns(kind):
        if spec.type == "enum":
            words = {c: c for c in spec.col.choices}
            words.update(ENUM_SYNONYMS.get(spec.name, {}))
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


# --------------------------------------------------------------------------- checks


def _fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> Iterator[tuple[Any, ...]]:
    result = con.execute(sql, _used(sql, params or {}))
    while batch := result.fetchmany(2000):
        yield from batch


def _used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    names = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    return {k: v for k, v in params.items() if k in names}


def validate(
    kind: Kind | str,
    data: bytes,
    file_name: str,
    options: LoadOptions | None = None,
    context: Context | None = None,
) -> Prepared:
    """Read and check a whole file. Nothing is written anywhere but a temporary folder."""
    kind = Kind(kind)
    opts = options or LoadOptions()
    ctx = context or Context()
    report = Report(kind=kind.value, file=file_name)
    work_dir = Path(tempfile.mkdtemp(prefix="whatworks-"))
    known = set(column_lookup(kind)) | {normalise_name(k) for k in opts.mapping}
    try:
        raw = read_table(
            data,
            file_name,
            ReadOptions(opts.sheet, opts.skip_rows, opts.no_header, opts.delimiter, opts.encoding),
            known,
            work_dir,
        )
    except (ReadError, UnicodeDecodeError, LookupError) as exc:
        report.error(Problem(None, None, None, str(exc), "unreadable"))
        return Prepared(report, None, work_dir)
    report.rows = raw.rows
    report.notes.extend(raw.notes)
    report.dialect = {
        "format": raw.file_format,
        "encoding": raw.encoding,
        "delimiter": raw.delimiter,
        "line_end": raw.line_end,
        "sheet": raw.sheet,
        "header_row": raw.header_row,
    }
    for row in raw.overflow_rows[:50]:
        report.warnings.append(
            Problem(
                row,
                None,
                None,
                "this row has more cells than the header has columns; the extra cells were ignored",
                "overflow",
            )
        )

    sources, unpivot, unpivot_target = _plan_columns(kind, raw, opts, report)
    has_municipality = "municipality" in sources or any(
        normalise_name(k) in ("municipality", "gemeente", "kommune") for k in opts.constants
    )
    if not report.ok:  # the column plan itself is wrong: nothing below would make sense
        return Prepared(report, None, work_dir)
    municipality_absent = (
        kind in (Kind.budget, Kind.outcomes) and not has_municipality and not ctx.home_municipality
    )
    if municipality_absent:
        report.error(
            Problem(
                None,
                "municipality",
                None,
                "the file has no municipality column and no home municipality is set: add the "
                "column, use --set municipality=NAME, or set the home municipality in Settings",
                "no_municipality",
                "municipality",
            )
        )

    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    con.execute(store.read_query("ingest_macros"))
    _stage(con, raw)
    _filter_rows(con, raw, opts, report)
    if not report.ok:
        con.close()
        return Prepared(report, None, work_dir)
    value_column = "value" if kind != Kind.budget else (opts.years_as or "budgeted")
    _make_source_view(con, raw, sources, unpivot, unpivot_target, value_column, report)

    numeric = [
        _text_expr(s.name, sources, {})
        for s in columns(kind)
        if s.type in ("money", "decimal", "integer") and s.name in sources
    ]
    decimal = _decide_decimal(con, [e[len("ww_clean(") : -1] for e in numeric], raw, opts)
    report.dialect["decimal"] = decimal
    params = _params(kind, opts, ctx, decimal)
    money_scale = opts.scale is not None and opts.scale != 1

    select = ["s._row AS _row", "s._src AS _src"]
    for spec in columns(kind):
        raw_col = _text_expr(spec.name, sources, opts.constants)
        default = f"$default_{spec.name}" if f"default_{spec.name}" in params else None
        if default and params[default[1:]] is not None:
            raw_col = f"coalesce({raw_col}, {default})"
        scaled = money_scale and spec.type in ("money", "decimal")
        select.append(f"{raw_col} AS {store.ident(spec.name + '__raw')}")
        select.append(f"{_typed_expr(spec, raw_col, scaled)} AS {store.ident(spec.name)}")
    # Expressions are built from models.py and fixed templates; values travel as $params.
    sql = "CREATE TEMP TABLE typed AS SELECT " + ", ".join(select) + " FROM src s"  # noqa: S608
    con.execute(sql, _used(sql, params))

    _check(con, kind, sources, unpivot_target, opts, ctx, decimal, report)
    if not report.ok:
        con.close()
        return Prepared(report, None, work_dir)
    names = [spec.name for spec in columns(kind)]
    cols = ", ".join(store.ident(n) for n in names)
    extra = ""
    if kind == Kind.outcomes:
        extra = ", ww_period_start(period) AS period_start, ww_period_end(period) AS period_end"
    con.execute(f"CREATE TEMP TABLE incoming AS SELECT {cols}{extra} FROM typed ORDER BY _row")  # noqa: S608
    return Prepared(report, con, work_dir)


def _make_source_view(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    sources: dict[str, _Source],
    unpivot: list[tuple[str, str]],
    unpivot_target: str | None,
    value_column: str,
    report: Report,
) -> None:
    """The view ``src``: one row per record, unpivoted where the file is wide."""
    if not unpivot or unpivot_target is None:
        con.execute("CREATE TEMP VIEW src AS SELECT *, NULL::VARCHAR AS _src FROM raw")
        return
    con.execute("CREATE TEMP TABLE unpivot_names (_col VARCHAR, _src VARCHAR)")
    con.executemany("INSERT INTO unpivot_names VALUES (?, ?)", list(unpivot))
    on = ", ".join(store.ident(safe) for safe, _ in unpivot)
    keep = ", ".join(
        store.ident(n)
        for n in ["_row", *[f"c{i}" for i in range(1, len(raw.header) + 1)]]
        if n not in {safe for safe, _ in unpivot}
    )
    con.execute(
        f"CREATE TEMP TABLE src AS SELECT u.*, n._src, n._src AS _unpivot_key "  # noqa: S608
        f"FROM (UNPIVOT (SELECT {keep}, {on} FROM raw) ON {on} INTO NAME _col VALUE _val) u "
        "JOIN unpivot_names n USING (_col) WHERE ww_clean(u._val) IS NOT NULL "
        "ORDER BY u._row, n._src"
    )
    cell_count = raw.rows * len(unpivot)
    kept = con.execute("SELECT count(*) FROM src").fetchone()
    dropped = cell_count - (int(kept[0]) if kept else 0)
    if dropped:
        report.notes.append(
            f"{dropped} empty cell(s) in the {unpivot_target} columns held no value"
        )
    sources[unpivot_target] = _Source("s._unpivot_key", None)
    sources[value_column] = _Source("s._val", None)
    report.mapping.update({h: f"{unpivot_target} (+ {value_column})" for _, h in unpivot})


def _check(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    sources: dict[str, _Source],
    unpivot_target: str | None,
    opts: LoadOptions,
    ctx: Context,
    decimal: str,
    report: Report,
) -> None:
    specs = columns(kind)

    def header_of(column: str) -> str:
        source = sources.get(column)
        if source and source.header:
            return source.header
        if column in opts.constants or any(normalise_name(k) == column for k in opts.constants):
            return f"--set {column}"
        return column

    # Rows with no value at all where one is required: skipped when asked.
    required = [s.name for s in specs if s.required]
    if kind == Kind.budget:
        empty = "(budgeted__raw IS NULL AND actual__raw IS NULL)"
    else:
        empty = " OR ".join(f"{store.ident(c + '__raw')} IS NULL" for c in required) or "false"
    if opts.skip_missing:
        rows = [r[0] for r in _fetch(con, f"SELECT _row FROM typed WHERE {empty} ORDER BY _row")]  # noqa: S608
        if rows:
            con.execute(f"DELETE FROM typed WHERE {empty}")  # noqa: S608
            listed = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            report.warnings.append(
                Problem(
                    None,
                    None,
                    None,
                    f"skipped {len(rows)} row(s) with no value where one is required "
                    f"(rows {listed})",
                    "skipped_missing",
                )
            )

    checks: list[tuple[str, str, str, str]] = []  # (sql, column, code, template)
    lookup = column_lookup(kind)
    given = set(sources) | {lookup.get(normalise_name(k), k) for k in opts.constants}
    absent = [s for s in specs if s.required and s.name not in given and s.name != unpivot_target]
    if kind == Kind.budget and not given & {"budgeted", "actual"}:
        absent.append(next(s for s in specs if s.name == "actual"))
    for spec in absent:
        aliases = ", ".join(spec.aliases)
        report.error(
            Problem(
                None,
                spec.name,
                None,
                f"the file has no {spec.name} column"
                + (f" (nor {aliases})" if aliases else "")
                + f": name one with --map 'FILE COLUMN={spec.name}'"
                + (" or give a value with --set" if spec.name != "actual" else "")
                + f"; the file's columns are: {', '.join(_headers(sources, report))}",
                "column_missing",
                spec.name,
            )
        )
    if absent:
        return
    for spec in specs:
        col = store.ident(spec.name)
        raw = store.ident(spec.name + "__raw")
        if spec.required and not (kind == Kind.budget and spec.name in ("budgeted", "actual")):
            checks.append(
                (f"{raw} IS NULL", spec.name, "required", f"{spec.name} is required but empty")
            )
        checks.append((f"{raw} IS NOT NULL AND {col} IS NULL", spec.name, "type", ""))
        if spec.col.minimum is not None:
            op = "<=" if spec.col.exclusive_minimum else "<"
            word = "above" if spec.col.exclusive_minimum else "at least"
            checks.append(
                (
                    f"{col} {op} {spec.col.minimum}",
                    spec.name,
                    "too_small",
                    f"{spec.name} must be {word} {spec.col.minimum}"
                    + (_NEGATIVE_BUDGET_HINT if spec.name == "budgeted" else ""),
                )
            )
        if spec.col.maximum is not None:
            checks.append(
                (
                    f"{col} > {spec.col.maximum}",
                    spec.name,
                    "too_large",
                    f"{spec.name} must be at most {spec.col.maximum}",
                )
            )
    if kind == Kind.budget:
        checks.append(
            (
                "budgeted__raw IS NULL AND actual__raw IS NULL",
                "actual",
                "no_amount",
                "give budgeted or actual (or both); this row has neither",
            )
        )
    if kind == Kind.programmes:
        checks.append(
            (
                "end_date < start_date",
                "end_date",
                "end_before_start",
                "end_date is before start_date",
            )
        )
    if kind == Kind.outcomes:
        checks.append(("ci_low > value", "ci_low", "ci_low_above_value", "ci_low is above value"))
        checks.append(
            ("ci_high < value", "ci_high", "ci_high_below_value", "ci_high is below value")
        )
        checks.append(
            (
                "period IS NOT NULL AND (left(period, 4)::INTEGER NOT BETWEEN 1900 AND 2100)",
                "period",
                "period_range",
                "period must lie between 1900 and 2100",
            )
        )
    by_name = {s.name: s for s in specs}
    first = [c for c in checks if c[2] in ("type", "required")]
    later = [c for c in checks if c[2] not in ("type", "required")]
    _run_checks(con, first, by_name, decimal, report, header_of)
    if opts.sum_lines and kind == Kind.budget:
        if not report.ok:
            report.errors.sort(key=lambda p: p.row or 0)
            return
        _sum_lines(con, report)
    _run_checks(con, later, by_name, decimal, report, header_of)
    has_column = "municipality" in sources or "municipality" in given
    if kind in (Kind.budget, Kind.outcomes) and not ctx.home_municipality and has_column:
        sql = "SELECT _row FROM typed WHERE municipality IS NULL ORDER BY _row"
        for (row,) in _fetch(con, sql):
            report.error(
                Problem(
                    int(row),
                    header_of("municipality"),
                    None,
                    "municipality is empty and no home municipality is set",
                    "no_municipality",
                    "municipality",
                )
            )
    _check_unique(con, kind, report, header_of)
    report.errors.sort(key=lambda p: p.row or 0)
    if report.ok:
        _warn(con, kind, ctx, opts, report, header_of)


_NEGATIVE_BUDGET_HINT = (
    " (a negative budget line is usually income or a correction: leave such lines out with "
    "--where COLUMN!=VALUE, or add lines up per programme with --sum)"
)


def _headers(sources: dict[str, _Source], report: Report) -> list[str]:
    named = [h for h in report.mapping if h]
    return named + [h for h in report.unknown_columns if h not in named]


def _run_checks(
    con: duckdb.DuckDBPyConnection,
    checks: list[tuple[str, str, str, str]],
    by_name: dict[str, ColumnSpec],
    decimal: str,
    report: Report,
    header_of: Any,
) -> None:
    for condition, column, code, template in checks:
        raw = store.ident(column + "__raw")
        sql = f"SELECT _row, _src, {raw} FROM typed WHERE {condition} ORDER BY _row"  # noqa: S608
        for row, src, value in _fetch(con, sql):
            if code == "type":
                code_out, message = _type_message(by_name[column], str(value), decimal)
            else:
                code_out, message = code, template
            where = src if src and column in ("budgeted", "value", "actual") else None
            report.error(
                Problem(int(row), where or header_of(column), value, message, code_out, column)
            )


def _sum_lines(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Budget lines with the same year, programme, intervention, ... become one row."""
    keys = [s.name for s in columns(Kind.budget) if s.name not in ("budgeted", "actual")]
    select = ["min(_row) AS _row", "any_value(_src) AS _src"]
    for key in keys:
        select.append(f"any_value({store.ident(key + '__raw')}) AS {store.ident(key + '__raw')}")
        select.append(store.ident(key))
    for amount in ("budgeted", "actual"):
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
        report.notes.append(f"summed {before[0]} line(s) into {after[0]} row(s)")


def _check_unique(
    con: duckdb.DuckDBPyConnection, kind: Kind, report: Report, header_of: Any
) -> None:
    keys = UNIQUE_IN_FILE[kind]
    if not keys:
        return
    key_cols = ", ".join(store.ident(k) for k in keys)
    all_cols = ", ".join(store.ident(s.name) for s in columns(kind))
    # The same row twice is harmless: keep one, say so.
    dup = con.execute(
        f"SELECT count(*) - count(DISTINCT ({all_cols})) FROM typed"  # noqa: S608
    ).fetchone()
    if dup and dup[0]:
        con.execute(
            f"DELETE FROM typed WHERE _row NOT IN (SELECT min(_row) FROM typed "  # noqa: S608
            f"GROUP BY {all_cols})"
        )
        report.warnings.append(
            Problem(
                None,
                None,
                None,
                f"{dup[0]} row(s) repeat another row exactly and were loaded once",
                "exact_duplicate",
            )
        )
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
                f"duplicate: row {first} has the same {' × '.join(keys)} ({shown})",
                "duplicate",
                keys[named],
            )
        )


def _warn(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    ctx: Context,
    opts: LoadOptions,
    report: Report,
    header_of: Any,
) -> None:
    for column in report.unknown_columns:
        report.warnings.append(
            Problem(
                None,
                column,
                None,
                f"column '{column}' is not part of the {kind.value} contract and was not loaded",
                "unknown_column",
            )
        )
    if kind == Kind.budget:
        sql = "SELECT _row, actual__raw FROM typed WHERE actual < 0 ORDER BY _row"
        for row, value in _fetch(con, sql):
            report.warnings.append(
                Problem(
                    int(row),
                    header_of("actual"),
                    value,
                    "negative actual spend (a correction?)",
                    "negative_actual",
                    "actual",
                )
            )
        rounded = con.execute(
            "SELECT count(*) FILTER (ww_num(budgeted__raw, $dec) * $scale <> budgeted) "
            "+ count(*) FILTER (ww_num(actual__raw, $dec) * $scale <> actual) FROM typed",
            {"dec": report.dialect.get("decimal", "."), "scale": opts.scale or Decimal(1)},
        ).fetchone()
        if rounded and rounded[0]:
            report.warnings.append(
                Problem(
                    None,
                    None,
                    None,
                    f"{rounded[0]} amount(s) had more than two decimals and were rounded to cents",
                    "rounded",
                )
            )
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
                    f"intervention '{iid}' is not in the programme register ({count} row(s))",
                    "unknown_intervention",
                    "intervention_id",
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
                    f"indicator "
                    f"'{indicator}' has higher_is_better both true and false in this file",
                    "direction_disagrees",
                    "higher_is_better",
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
                        f"indicator '{indicator}' is stored with higher_is_better "
                        f"{str(stored).lower()}; this file says {str(direction).lower()}",
                        "direction_disagrees",
                        "higher_is_better",
                    )
                )
