"""Validate a whole file against the contract, in DuckDB, before anything is written.

The file's text cells are staged in a private in-memory DuckDB connection; the checks are
generated from ``models.py`` (types, required columns, ranges, choices, row rules) and run
vectorised, so a large file is checked as fast as it is read. Every problem is collected
with the spreadsheet row, the column as the file names it, the value and a plain message.

This module runs the steps; the parts live beside it: ``report`` (problems, options,
context, the report), ``columns`` (the column plan), ``convert`` (staging and text to
typed SQL) and ``checks``. The names callers import from here are re-exported.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from models import AMOUNTS, Kind, column_lookup, columns, normalise_name
from whatworks import store
from whatworks.ingest.checks import check_typed, used
from whatworks.ingest.columns import IGNORE_TARGETS, POSITION, YEAR_HEADER, plan_columns
from whatworks.ingest.convert import (
    decide_decimal,
    decide_financial_years,
    drop_raw,
    filter_rows,
    make_source_view,
    prepare_cells,
    query_params,
    stage,
    text_expr,
    typed_expr,
)
from whatworks.ingest.fastread import Data, FileBytes, read_staged
from whatworks.ingest.read import LIMITS, ReadError, ReadOptions, read_table, too_big, unreadable
from whatworks.ingest.report import MAX_LISTED, Context, LoadOptions, Problem, Report

__all__ = [
    "IGNORE_TARGETS",
    "MAX_LISTED",
    "POSITION",
    "YEAR_HEADER",
    "Context",
    "LoadOptions",
    "Prepared",
    "Problem",
    "Report",
    "validate",
]


@dataclass
class Prepared:
    """A validated file: the report, and (when it has no errors) the typed rows."""

    report: Report
    con: duckdb.DuckDBPyConnection | None = None
    work_dir: Path | None = None

    def rows(self) -> Any:
        """The typed rows (contract columns only, the file's order) as a stream of Arrow
        record batches: the loader reads them into the store without writing a file."""
        if self.con is None:
            msg = "nothing to hand over: the file did not validate"
            raise ValueError(msg)
        return self.con.sql("SELECT * FROM incoming").to_arrow_reader(HANDOVER_ROWS)


# DuckDB's memory for the staging tables: with the writer's (load.WRITER_MEMORY) and Python's
# own, a 10M-row load peaks under 1 GB (890-915 MB measured at 448 MB; 960-1010 MB at 512 MB,
# in the same time); past it the tables spill to the work folder.
STAGING_MEMORY = "448MB"
HANDOVER_ROWS = 122_880  # rows per record batch handed to the writer (DuckDB's row group)


def fy_month(ctx: Context) -> int:
    """The month a split financial year (2021/22) starts: the setting, or April (the UK's)
    when the setting is the calendar year, in which no year is split."""
    return ctx.fiscal_year_start if ctx.fiscal_year_start > 1 else 4


def in_memory(data: Data, file_name: str) -> bytes:
    """The bytes of a file for the capped reader (a file on disk beyond its limit is refused
    unread)."""
    if isinstance(data, bytes):
        return data
    if len(data) > LIMITS.max_bytes:
        raise too_big(len(data), file_name)
    return data.path.read_bytes()


def validate(
    kind: Kind | str,
    data: bytes | Path,
    file_name: str,
    options: LoadOptions | None = None,
    context: Context | None = None,
) -> Prepared:
    """Read and check a whole file: its bytes, or (a large one) its path, which is read from
    disk as it is checked, never held in memory whole. Nothing is written anywhere but a
    temporary folder."""
    kind = Kind(kind)
    opts = options or LoadOptions()
    ctx = context or Context()
    source = FileBytes(data) if isinstance(data, Path) else data
    report = Report(kind=kind.value, file=file_name)
    work_dir = Path(tempfile.mkdtemp(prefix=store.work_dir_prefix()))
    known = set(column_lookup(kind)) | {normalise_name(k) for k in opts.mapping}
    read_options = ReadOptions(
        opts.sheet, opts.skip_rows, opts.no_header, opts.delimiter, opts.encoding, opts.header_rows
    )
    # The staging tables of a large file outgrow memory: past STAGING_MEMORY DuckDB spills
    # them to the work folder, so a 10M-row file loads in bounded memory.
    con = duckdb.connect(
        config={
            "autoinstall_known_extensions": False,
            "memory_limit": STAGING_MEMORY,
            "temp_directory": str(work_dir / "spill"),
        }
    )
    try:
        # A large CSV goes straight into DuckDB; anything else (or anything it cannot read
        # exactly as the slow route would) through the capped reader.
        raw = read_staged(con, source, file_name, read_options, known, work_dir)
        if raw is None:
            raw = read_table(in_memory(source, file_name), file_name, read_options, known, work_dir)
    except (ReadError, UnicodeDecodeError, LookupError) as exc:
        con.close()
        report.error(unreadable(exc))
        return Prepared(report, None, work_dir)
    report.rows = raw.rows
    report.notes.extend(raw.notes)
    if raw.rows == 0:  # a header and nothing under it: loading it would be an empty version
        report.error(unreadable(ReadError("no_rows", file=file_name)))
        return Prepared(report, None, work_dir)
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
                "overflow",
                params={"row": row},
            )
        )

    sources, unpivot, unpivot_target = plan_columns(kind, raw, opts, report)
    has_municipality = "municipality" in sources or any(
        normalise_name(k) in ("municipality", "gemeente", "kommune") for k in opts.constants
    )
    if not report.ok:  # the column plan itself is wrong: nothing below would make sense
        con.close()
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
                "no_municipality",
                "municipality",
                params={"variant": "no_column"},
            )
        )

    con.execute(store.read_query("ingest_macros"))
    stage(con, raw)
    errors_before = report.error_count
    prepare_cells(con, raw, opts, report)
    filter_rows(con, raw, opts, report)
    kept = con.execute("SELECT count(*) FROM raw").fetchone()
    report.rows = int(kept[0]) if kept else 0  # the rows --where kept
    if report.error_count > errors_before:  # a wrong --where: the rows would be the wrong ones
        con.close()
        return Prepared(report, None, work_dir)
    value_column = "value" if kind != Kind.budget else (opts.years_as or AMOUNTS[0])
    make_source_view(con, raw, sources, unpivot, unpivot_target, value_column, report)
    if kind == Kind.budget:
        lookup = column_lookup(kind)
        given = set(sources) | {lookup.get(normalise_name(k)) for k in opts.constants}
        report.amounts = [a for a in AMOUNTS if a in given]

    numeric = [
        sources[s.name].expr
        for s in columns(kind)
        if s.type in ("money", "decimal", "integer") and s.name in sources
    ]
    decimal = decide_decimal(con, numeric, raw, opts)
    report.dialect["decimal"] = decimal
    params = query_params(kind, opts, ctx, decimal)
    params["fy"] = False
    if kind == Kind.outcomes:
        period = text_expr("period", sources, opts.constants)
        params["fy"], ambiguous = decide_financial_years(con, period, params)
        if ambiguous is not None:
            report.note("note.financial_years", value=ambiguous, month=fy_month(ctx))
    money_scale = opts.scale is not None and opts.scale != 1

    # The cleaned text of each column once (inner select), then its typed value from that
    # text (outer): the conversions read a column, not the cleaning expression again.
    inner, outer = ["s._row AS _row", "s._src AS _src"], ["_row", "_src"]
    for spec in columns(kind):
        raw_col = text_expr(spec.name, sources, opts.constants)
        default = f"$default_{spec.name}" if f"default_{spec.name}" in params else None
        if default and params[default[1:]] is not None:
            raw_col = f"coalesce({raw_col}, {default})"
        scaled = money_scale and spec.type in ("money", "decimal")
        text = store.ident(spec.name + "__raw")
        inner.append(f"{raw_col} AS {text}")
        outer.append(text)
        outer.append(f"{typed_expr(spec, text, scaled)} AS {store.ident(spec.name)}")
    # Expressions are built from models.py and fixed templates; values travel as $params.
    sql = (
        f"SELECT {', '.join(outer)} "  # noqa: S608
        f"FROM (SELECT {', '.join(inner)} FROM src s)"
    )
    if kind == Kind.outcomes:  # a period's first and last day, made in the same pass
        params["m"] = fy_month(ctx)
        sql = (
            "SELECT *, ww_period_start(period, $m) AS period_start, "  # noqa: S608
            f"ww_period_end(period, $m) AS period_end FROM ({sql})"
        )
    sql = f"CREATE TEMP TABLE typed AS {sql}"
    con.execute(sql, used(sql, params))
    # The text cells are in typed now: the staged copy goes (a large file's memory).
    unpivoted = unpivot and unpivot_target is not None
    con.execute("DROP TABLE src" if unpivoted else "DROP VIEW src")
    drop_raw(con)

    check_typed(con, kind, sources, unpivot_target, opts, ctx, decimal, report)
    if not report.ok:
        con.close()
        return Prepared(report, None, work_dir)
    names = [spec.name for spec in columns(kind)]
    cols = ", ".join(store.ident(n) for n in names)
    extra = ", period_start, period_end" if kind == Kind.outcomes else ""
    con.execute(
        # typed is in the file's order already (made from src in order; DuckDB keeps the
        # insertion order), so no sort of millions of rows here. A view: the rows are read
        # once, as they are handed to the writer.
        f"CREATE TEMP VIEW incoming AS SELECT {cols}{extra} FROM typed"  # noqa: S608
    )
    return Prepared(report, con, work_dir)
