"""The command line: ``python -m whatworks`` (also installed as ``whatworks``).

Exit status: 0 loaded or valid, 1 validation failed (nothing written), 2 usage error.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Final, get_type_hints

import duckdb
import typer

from models import Kind
from whatworks import ingest, store
from whatworks.i18n import t
from whatworks.ingest import LoadOptions, Report
from whatworks.ingest.convert import parse_where, where_text
from whatworks.settings import NAMES as SETTING_NAMES
from whatworks.templates import dictionary_bytes, template_bytes

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="What works: load municipal budget, programme and outcome files; check; restore.",
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="The DuckDB database (default data/whatworks.duckdb; env WHATWORKS_DB).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print only the report, as JSON.")]
KIND_HELP = "budget, programmes, outcomes or indicators"
KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY
# The command line's own words are English, as the problems it prints (``Problem.message``);
# their text is in the catalogues (whatworks/i18n/*.cli.json), like every other.
CLI_LANG: Final = "en"


def say(key: str, **values: Any) -> str:
    """The command line's text ``cli.<key>``, filled with ``values``."""
    return t(f"cli.{key}", CLI_LANG, **values)


def _usage(message: str) -> typer.Exit:
    typer.echo(say("error", message=message), err=True)
    return typer.Exit(2)


def _db(db: Path | None) -> Path:
    return db or store.default_db()


def _kind(kind: str) -> Kind:
    try:
        return Kind(kind.strip().lower())
    except ValueError:
        raise _usage(say("unknown_kind", kind=kind)) from None


def _pairs(values: list[str] | None, flag: str, *, at_last: bool = False) -> dict[str, str]:
    """FROM=TO pairs; split at the last '=' when TO never holds one (--map: a contract column),
    so that a file column with '=' in its name can be mapped."""
    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise _usage(say("pair_form", flag=flag, item=item))
        key, value = item.rsplit("=", 1) if at_last else item.split("=", 1)
        if not key.strip():
            raise _usage(say("pair_empty", flag=flag, item=item))
        out[key.strip()] = value.strip()
    return out


def _where_item(item: str) -> tuple[str, str]:
    parsed = parse_where(item)
    if parsed is None:
        raise _usage(say("where_form", item=item))
    return parsed


def _options(db: Path, kind: Kind, given: FileOptions) -> LoadOptions:
    """The load options the command line asked for (merged over a saved mapping, if named)."""
    delimiter, scale = given.delimiter, given.scale
    scale_value: Decimal | None = None
    if scale is not None:
        try:
            scale_value = Decimal(scale.replace(",", "."))
        except InvalidOperation:
            raise _usage(say("scale_not_number", scale=scale)) from None
    if given.decimal not in (None, ",", "."):
        raise _usage(say("decimal_form"))
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ","}.get(
            delimiter, delimiter
        )
        if len(delimiter) != 1:
            raise _usage(say("delimiter_form"))
    if given.years_as is not None and given.years_as not in ("budgeted", "actual"):
        raise _usage(say("years_as_form"))
    options = LoadOptions(
        mapping=_pairs(given.map_, "--map", at_last=True),
        constants=_pairs(given.set_, "--set"),
        sheet=given.sheet,
        skip_rows=given.skip_rows,
        no_header=given.no_header,
        delimiter=delimiter,
        encoding=given.encoding,
        decimal=given.decimal,
        years_in_columns=given.years_in_columns,
        years_as=given.years_as,
        indicators_in_columns=given.indicators_in_columns,
        scale=scale_value,
        skip_missing=given.skip_missing,
        where=[_where_item(item) for item in given.where or []],
        sum_lines=given.sum_lines,
        recode=list(given.recode or []),
        missing=list(given.missing or []),
        fill_down=list(given.fill_down or []),
        keep_totals=given.keep_totals,
        header_rows=given.header_rows,
    )
    mapping = given.mapping
    if mapping is None:
        return options
    saved = ingest.saved_mapping(db, mapping)
    if saved is None:
        raise _usage(say("no_mapping", mapping=mapping))
    saved_kind, saved_options = saved
    if saved_kind != kind.value:
        raise _usage(say("mapping_kind", mapping=mapping, saved=saved_kind, kind=kind.value))
    return ingest.merge_options(saved_options, options)


def _read(file: Path) -> Path:
    """The file, once it is known to be readable (the loader reads it from disk as it goes)."""
    try:
        with file.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise _usage(say("cannot_read", file=file, reason=exc.strerror)) from None
    return file


def _print_report(report: Report, as_json: bool, loading: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str))
        return
    d = report.dialect
    if d:
        parts = [f"{k} {v!r}" for k, v in d.items() if v not in (None, 0)]
        typer.echo(say("read_as", file=report.file, dialect=", ".join(parts)))
    for note in report.notes:
        typer.echo("  " + say("note", note=note))
    if report.mapping:
        columns = ", ".join(f"{k} -> {v}" for k, v in report.mapping.items())
        typer.echo("  " + say("columns", columns=columns))
    typer.echo("  " + say("rows_read", count=report.rows))
    if report.errors:
        count = max(report.error_count, len(report.errors))
        typer.echo(say("rejected", count=count), err=True)
        for p in report.errors[:200]:
            typer.echo(f"  {_where(report.file, p)}: {p.message}", err=True)
        if count > 200:
            typer.echo("  " + say("more_errors", count=count - 200), err=True)
    for line in report.preview:
        typer.echo("  " + say("replaces", line=_preview_line(line)))
    for w in report.warnings[:100]:
        typer.echo("  " + say("warning", where=_where(report.file, w), message=w.message))
    if len(report.warnings) > 100:
        typer.echo("  " + say("more_warnings", count=len(report.warnings) - 100))
    if report.ok:
        if loading:
            values = {"version": report.version, "replaced": report.replaced}
            typer.echo(say("loaded", count=report.inserted, **values))
        else:
            typer.echo(say("valid"))
            if report.needs_confirmation:
                typer.echo("  " + say("needs_yes"))


def _preview_line(line: dict[str, Any]) -> str:
    """One line of the load preview: what a load replaces and keeps in one year or period."""
    if "amount" not in line:  # outcomes
        return say(
            "preview_outcomes",
            indicator=line["indicator"],
            period=line["period"],
            count=line["replaced_lines"],
            kept=line["kept_lines"],
            new=line["new_lines"],
        )
    text = say(
        "preview_budget",
        municipality=line["municipality"],
        period=line["period"],
        amount=line["amount"],
        replaced=say("lines_replaced", count=line["replaced_lines"], money=line["replaced_money"]),
        kept=say("lines_kept", count=line["kept_lines"], money=line["kept_money"]),
        before=line["total_before"],
        after=line["total_after"],
        change=line["change"],
    )
    return text + (" " + say("removes_most") if line["removes_most"] else "")


def _where(file: str, p: ingest.Problem) -> str:
    parts = [file]
    if p.row is not None:
        parts.append(say("at_row", row=p.row))
    if p.column:
        parts.append(say("at_column", column=p.column))
    if p.value is not None:
        parts.append(say("at_value", value=p.value))
    return ", ".join(parts)


def _run_file_command(
    kind: str,
    file: Path,
    given: FileOptions,
    *,
    loading: bool,
    save_mapping: str | None = None,
    user: str | None = None,
    yes: bool = False,
) -> None:
    k = _kind(kind)
    path = _db(given.db)
    opts = _options(path, k, given)
    data = _read(file)
    if loading:
        report = ingest.load(path, k, data, file.name, opts, user, save_mapping, confirmed=yes)
    else:
        report = ingest.check(path, k, data, file.name, opts)
    _print_report(report, given.as_json, loading)
    if not report.ok:
        raise typer.Exit(1)


YesOpt = Annotated[
    bool,
    typer.Option(
        "--yes", help="Load even when the file removes most of a year's money (see the preview)."
    ),
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map", help="Map a file column onto a contract column: FROM=TO (TO '-' drops it)."
    ),
]
SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="A constant for a column: COLUMN=VALUE.")
]
SheetOpt = Annotated[str | None, typer.Option(help="Excel sheet name (default: the first).")]
SkipOpt = Annotated[int | None, typer.Option(help="Rows above the header (default: detected).")]
NoHeaderOpt = Annotated[
    bool,
    typer.Option("--no-header", help="The file has no header row: columns are col1, col2, ..."),
]
DelimOpt = Annotated[str | None, typer.Option(help="Delimiter (default: detected).")]
EncOpt = Annotated[str | None, typer.Option(help="Text encoding (default: detected).")]
DecOpt = Annotated[
    str | None, typer.Option(help="Decimal separator ',' or '.' (default: detected).")
]
YearsOpt = Annotated[
    bool,
    typer.Option(
        "--years-in-columns", help="One column per year: turn them into rows (year = column name)."
    ),
]
YearsAsOpt = Annotated[
    str | None,
    typer.Option(help="With --years-in-columns for budget: budgeted (default) or actual."),
]
IndOpt = Annotated[
    bool,
    typer.Option(
        "--indicators-in-columns",
        help="Outcomes with one column per indicator: turn them into rows.",
    ),
]
ScaleOpt = Annotated[str | None, typer.Option(help="Multiply amounts (e.g. 1000 for thousands).")]
SkipMissingOpt = Annotated[
    bool,
    typer.Option(
        "--skip-missing", help="Skip rows with no value where one is required ('-', '.', empty)."
    ),
]
WhereOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        help="Keep only rows by a file column: COLUMN=VALUE, COLUMN!=VALUE, COLUMN>N "
        "(<, >=, <=), 'COLUMN in A,B'.",
    ),
]
SumOpt = Annotated[
    bool,
    typer.Option("--sum", help="Budget: add up lines with the same year, programme, intervention."),
]
RecodeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--recode", help="Change a value of a file column: COLUMN:FROM=TO (TO empty: no value)."
    ),
]
MissingOpt = Annotated[
    list[str] | None,
    typer.Option("--missing", help="Another cell text that means no value (pm, n.v.t.)."),
]
FillDownOpt = Annotated[
    list[str] | None,
    typer.Option("--fill-down", help="Fill a file column's empty cells from the row above."),
]
KeepTotalsOpt = Annotated[
    bool,
    typer.Option("--keep-totals", help="Keep subtotal rows (Totaal, Totalt, I alt, Sum)."),
]
HeaderRowsOpt = Annotated[
    int | None,
    typer.Option(help="Header rows stacked above the data (years over accounts), joined."),
]
MappingOpt = Annotated[str | None, typer.Option(help="Use a saved mapping by name.")]
SaveMappingOpt = Annotated[
    str | None, typer.Option(help="Save this mapping and these options under a name.")
]
UserOpt = Annotated[str | None, typer.Option(help="Who loads (default: WHATWORKS_USER or login).")]
FullSpeedOpt = Annotated[
    bool,
    typer.Option(
        "--full-speed",
        help="Every core, normal priority (by default a load gives way to the app's viewers).",
    ),
]


KindArg = Annotated[str, typer.Argument(help=KIND_HELP)]
FileArg = Annotated[Path, typer.Argument(help="CSV, .xlsx or .xls file")]


@dataclass(frozen=True)
class FileOptions:
    """The options ``load`` and ``validate`` share, declared once: each field is an option."""

    db: DbOption = None
    map_: MapOpt = None
    set_: SetOpt = None
    sheet: SheetOpt = None
    skip_rows: SkipOpt = None
    no_header: NoHeaderOpt = False
    delimiter: DelimOpt = None
    encoding: EncOpt = None
    decimal: DecOpt = None
    years_in_columns: YearsOpt = False
    years_as: YearsAsOpt = None
    indicators_in_columns: IndOpt = False
    scale: ScaleOpt = None
    skip_missing: SkipMissingOpt = False
    where: WhereOpt = None
    sum_lines: SumOpt = False
    recode: RecodeOpt = None
    missing: MissingOpt = None
    fill_down: FillDownOpt = None
    keep_totals: KeepTotalsOpt = False
    header_rows: HeaderRowsOpt = None
    mapping: MappingOpt = None
    as_json: JsonOption = False


def _with_file_options(command: Callable[..., None]) -> Callable[..., None]:
    """Let a command take ``given: FileOptions``; typer sees each of its fields as an option.

    The command's other parameters keep their place: its arguments first, then the file
    options, then its own options.
    """
    hints = get_type_hints(FileOptions, include_extras=True)
    shared = [
        inspect.Parameter(f.name, KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
        for f in fields(FileOptions)
    ]
    own = inspect.signature(command, eval_str=True).parameters.values()
    arguments = [p for p in own if p.name != "given" and p.default is inspect.Parameter.empty]
    options = [
        p.replace(kind=KEYWORD_ONLY)
        for p in own
        if p.name != "given" and p.default is not inspect.Parameter.empty
    ]
    parameters = [*arguments, *shared, *options]

    @functools.wraps(command)
    def with_options(**values: Any) -> None:
        given = FileOptions(**{f.name: values.pop(f.name) for f in fields(FileOptions)})
        command(given=given, **values)

    # typer reads the parameters from the signature: the command's plus the shared options.
    with_options.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_options


# A load from the command line gives way to the people viewing the app on the same machine:
# a lower CPU priority, and every core but one for the whole process (DuckDB's threads
# included, which take every core the machine has): the core left is the viewers'. In make
# bench's soak (20 viewers, two 1M-row loads on 2 cores, so the load had one core) the viewers'
# p95 page went from 4.1 s to 2.8 s; the loads took twice as long there (15-17 s -> 27-30 s on
# a busy machine); on a quiet machine a 1M-row load by the command line takes 5.1-5.7 s
# instead of 3.1-3.2 s. The priority alone did not help the viewers. --full-speed keeps the
# old way.
LOAD_NICENESS: Final = 10


@functools.cache  # once per process
def give_way_to_viewers() -> None:
    """Run this process at niceness ``LOAD_NICENESS`` (at least), leaving one core to others.

    Once per process (a second call changes nothing). Where the system allows neither, the
    load runs as it is: giving way never stops it.
    """
    with contextlib.suppress(OSError):
        if hasattr(os, "nice"):
            os.nice(max(0, LOAD_NICENESS - os.nice(0)))
    with contextlib.suppress(OSError):
        if hasattr(os, "sched_setaffinity"):
            cores = sorted(os.sched_getaffinity(0))
            if len(cores) > 1:
                os.sched_setaffinity(0, set(cores[1:]))


@app.command()
@_with_file_options
def load(
    kind: KindArg,
    file: FileArg,
    given: FileOptions,
    save_mapping: SaveMappingOpt = None,
    user: UserOpt = None,
    yes: YesOpt = False,
    full_speed: FullSpeedOpt = False,
) -> None:
    """Validate a file and, when it has no errors, load it as a new dataset version."""
    if not full_speed:
        give_way_to_viewers()
    _run_file_command(
        kind, file, given, loading=True, save_mapping=save_mapping, user=user, yes=yes
    )


@app.command()
@_with_file_options
def validate(kind: KindArg, file: FileArg, given: FileOptions) -> None:
    """Check a file and print the report; nothing is written."""
    _run_file_command(kind, file, given, loading=False)


@app.command()
def versions(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the dataset versions, newest first."""
    path = _db(db)
    if store.current_generation(path) is None:
        rows: list[dict[str, Any]] = []
    else:
        with store.reader(path) as con:
            rows = store.versions(con)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        typer.echo(say("no_versions"))
    for r in rows:
        what = r["source_file"] or (
            say("restore_of", version=r["restored_from"]) if r["restored_from"] else ""
        )
        typer.echo(
            f"{r['version_id']:>5}  {r['loaded_at']:%Y-%m-%d %H:%M}  {r['action']:<8} "
            f"{r['kind']:<11} {r['loaded_by']:<12} +{r['inserted']} -{r['replaced']}  {what}"
        )


@app.command()
def restore(
    version: Annotated[int, typer.Argument(help="The version to bring back.")],
    db: DbOption = None,
    user: UserOpt = None,
) -> None:
    """Bring every table back to exactly its state after VERSION (as a new version)."""
    try:
        new = store.restore(_db(db), version, user)
    except store.StoreError as exc:
        raise _usage(str(exc)) from None
    typer.echo(say("restored", version=version, new=new))


# The load flag of each saved option that takes a value, and of each switch (see FileOptions).
RECIPE_VALUES: Final = {
    "sheet": "--sheet",
    "skip_rows": "--skip-rows",
    "delimiter": "--delimiter",
    "encoding": "--encoding",
    "decimal": "--decimal",
    "years_as": "--years-as",
    "scale": "--scale",
    "header_rows": "--header-rows",
}
RECIPE_LISTS: Final = {"recode": "--recode", "missing": "--missing", "fill_down": "--fill-down"}
RECIPE_SWITCHES: Final = {
    "no_header": "--no-header",
    "years_in_columns": "--years-in-columns",
    "indicators_in_columns": "--indicators-in-columns",
    "skip_missing": "--skip-missing",
    "sum_lines": "--sum",
    "keep_totals": "--keep-totals",
}


def recipe_command(name: str, kind: str, recipe: LoadOptions) -> str:
    """The load command that saves ``recipe`` again under ``name``, quoted for a POSIX shell:
    paste it with FILE replaced by a file and the same recipe is saved."""
    args = ["whatworks", "load", kind, "FILE"]
    args += [a for k, v in recipe.mapping.items() for a in ("--map", f"{k}={v}")]
    args += [a for k, v in recipe.constants.items() for a in ("--set", f"{k}={v}")]
    where = recipe.where.items() if isinstance(recipe.where, dict) else recipe.where
    args += [a for k, v in where for a in ("--where", where_text(k, v))]
    for field, flag in RECIPE_VALUES.items():
        value = getattr(recipe, field)
        if value is not None:
            args += [flag, "tab" if value == "\t" else str(value)]
    for field, flag in RECIPE_LISTS.items():
        args += [a for item in getattr(recipe, field) for a in (flag, item)]
    args += [flag for field, flag in RECIPE_SWITCHES.items() if getattr(recipe, field)]
    return shlex.join([*args, "--save-mapping", name])


@app.command()
def mappings(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the saved mappings, each as the load command that saves it again (FILE: a file)."""
    rows = ingest.mappings(_db(db))
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for r in rows:
        typer.echo(f"{r['name']} ({r['kind']})")
        recipe = LoadOptions.from_dict(r["options"])
        recipe.mapping = r["mapping"]
        typer.echo("  " + recipe_command(r["name"], r["kind"], recipe))
    if not rows:
        typer.echo(say("no_mappings"))


@app.command()
def settings(
    values: Annotated[
        list[str] | None,
        typer.Argument(help="KEY=VALUE to save; keys: " + ", ".join(SETTING_NAMES)),
    ] = None,
    db: DbOption = None,
    user: UserOpt = None,
) -> None:
    """Show or change settings; a wrong value is refused and nothing is saved."""
    path = _db(db)
    pairs = _pairs(values, "settings")
    if pairs:
        try:
            store.save_settings(path, pairs, user)
        except store.StoreError as exc:
            raise _usage(str(exc)) from None
    if store.current_generation(path) is None:
        return
    with store.reader(path) as con:
        for key, value in store.settings(con).items():
            typer.echo(f"{key}={value}")


DEMO_COUNTRIES = ("nl", "dk", "no", "en")


@app.command()
def demo(
    db: DbOption = None,
    country: Annotated[
        str,
        typer.Option(
            help="nl: a Dutch gemeente; dk: a Danish kommune; no: a Norwegian kommune; "
            "en: the same municipality with English names (the test suite's reference)."
        ),
    ] = "nl",
) -> None:
    """(Re)build the demo municipality database, named in the country's language."""
    from whatworks import demo as demo_data

    code = country.strip().lower()
    if code not in DEMO_COUNTRIES:
        raise _usage(say("country_choice", country=country, choices=", ".join(DEMO_COUNTRIES)))
    place = demo_data.country(code)
    path = _db(db)
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "demo.duckdb"
        store.save_settings(
            build,
            {
                "home_municipality": place.home,
                "default_currency": place.currency,
                "country": place.settings_country,
            },
        )
        files = Path(tmp) / "files"
        demo_data.generate(files, country_code=code)
        for kind, name in demo_data.DEMO_FILES:
            file = files / name
            report = ingest.load(build, kind, file.read_bytes(), name, None, "demo")
            if not report.ok:
                _print_report(report, False, True)
                raise typer.Exit(1)
        generation = store.current_generation(build)
        assert generation is not None
        store.replace_database(path, generation)
        # The demo's archived originals live beside its database.
        src_archive = build.parent / "archive"
        dst_archive = path.parent / "archive"
        dst_archive.mkdir(parents=True, exist_ok=True)
        for f in src_archive.glob("*"):
            target = dst_archive / f.name
            if not target.exists():
                target.write_bytes(f.read_bytes())
    typer.echo(say("demo_written", path=path))


@app.command()
def effects(
    year: Annotated[int, typer.Option(help="The budget year.")],
    municipality: Annotated[
        str | None, typer.Option(help="Default: the home municipality.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="When a year's spend is in several currencies.")
    ] = None,
    version: Annotated[
        int | None, typer.Option("--as-of", help="Compute as of this data version.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Spend by effect class and every intervention's effect, for one year."""
    from whatworks import analytics

    path = _db(db)
    if store.current_generation(path) is None:
        raise _usage(say("no_database", path=path))
    try:
        with store.reader(path) as con:
            report = analytics.effects_report(
                con, year=year, municipality=municipality, version=version, currency=currency
            )
    except analytics.AnalyticsError as exc:
        raise _usage(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    typer.echo(
        say(
            "effects_total",
            municipality=report["municipality"],
            year=report["year"],
            total=report["total_actual"],
            currency=report["currency"],
        )
    )
    for name, part in report["by_class"].items():
        share = f"{part['share'] * 100:5.1f}%" if part["share"] is not None else "    -"
        typer.echo(f"  {name:<22} {part['actual']:>16} {share}")
    typer.echo("")
    for row in report["interventions"]:
        effect = "-" if row["effect"] is None else f"{row['effect']:.3g}"
        bcr = "-" if row["bcr"] is None else f"{row['bcr']:.2f}"
        values = {"id": row["intervention_id"], "effect_class": row["class"], "bcr": bcr}
        values |= {"method": row["method"], "strength": row["strength"], "effect": effect}
        values |= {"pays_off": row["pays_off"], "actual": str(row["actual"] or "-")}
        typer.echo("  " + say("effects_row", name=row["name"], **values))


@app.command()
def report(
    view: Annotated[
        str,
        typer.Option(
            help="overview, spend_vs_effect, intervention, programmes, benchmark or portfolio."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            help=".html (the report) or .xlsx (its data); default: a name with view, filters,"
            " version and date."
        ),
    ] = None,
    year: Annotated[int | None, typer.Option(help="Default: the newest year.")] = None,
    lang: Annotated[
        str | None, typer.Option(help="en, nl, da or nb (default: the Settings' language).")
    ] = None,
    municipality: Annotated[
        str | None, typer.Option(help="Default: the home municipality.")
    ] = None,
    programme: Annotated[str | None, typer.Option(help="A budget programme.")] = None,
    stage: Annotated[
        str | None, typer.Option(help="idea, pilot, scaling, standard or stopped.")
    ] = None,
    intervention: Annotated[
        str | None, typer.Option(help="The intervention (view intervention).")
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="When a year's spend is in several currencies.")
    ] = None,
    peer: Annotated[
        list[str] | None,
        typer.Option(help="A peer municipality (benchmark; repeat; default: all)."),
    ] = None,
    version: Annotated[
        int | None, typer.Option(help="Pin a data version (default: the newest).")
    ] = None,
    share: Annotated[
        bool,
        typer.Option(
            "--share",
            help="Overview: spend per programme as shares of the programme (the page's switch).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Write one view as a self-contained HTML report (or its data as .xlsx), as the app does."""
    from whatworks import i18n, reports

    path = _db(db)
    if store.current_generation(path) is None:
        raise _usage(say("no_database", path=path))
    if lang is not None and lang not in i18n.LANGUAGES:
        raise _usage(say("unknown_language", language=lang, choices=", ".join(i18n.LANGUAGES)))
    suffix = out.suffix.lower() if out is not None else ".html"
    if suffix not in (".html", ".htm", ".xlsx"):
        raise _usage(say("out_suffix"))
    with store.reader(path) as con:
        latest = store.latest_version(con)
        language = lang or i18n.normalise_language(store.settings(con).get("language"))
        if version is not None and not 1 <= version <= latest:
            raise _usage(i18n.t("report.unknown_version", language, version=version, latest=latest))
        request = reports.Request(
            view=view.strip().lower().replace("-", "_"),
            lang=language,
            version=version or latest,
            year=year,
            municipality=municipality,
            programme=programme,
            stage=stage,
            intervention=intervention,
            currency=currency,
            peers=tuple(peer) if peer else None,
            share=share,
        )
        try:
            made = reports.build(lambda fn, *a, **k: fn(con, *a, **k), request)
            data = reports.xlsx_file(made) if suffix == ".xlsx" else reports.html_file(made)
        except reports.ReportError as exc:
            raise _usage(i18n.t(exc.code, language, **exc.values)) from None
    target = out or Path(reports.names(made, "html"))
    target.write_bytes(data)
    typer.echo(
        i18n.t("report.written", language, path=target, view=made.title, version=request.version)
    )


@app.command()
def template(
    kind: Annotated[str, typer.Argument(help=KIND_HELP + ", or 'dictionary'")],
    fmt: Annotated[str, typer.Option("--format", help="csv or xlsx")] = "csv",
    output: Annotated[
        Path | None, typer.Option(help="Where to write (default KIND_template.FORMAT; '-': stdout)")
    ] = None,
) -> None:
    """Write an empty template (header and one example row) or the data dictionary."""
    if fmt not in ("csv", "xlsx"):
        raise _usage(say("format_form"))
    data = dictionary_bytes(fmt) if kind == "dictionary" else template_bytes(_kind(kind), fmt)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    target = output or Path(
        f"{kind}_template.{fmt}" if kind != "dictionary" else f"dictionary.{fmt}"
    )
    target.write_bytes(data)
    typer.echo(say("wrote", path=target))


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="The folder to write the files into.")],
    rows: Annotated[int, typer.Option("--rows", min=1, help="Outcome rows to write.")] = 1_000_000,
    seed: Annotated[int, typer.Option("--seed", help="The generator's seed.")] = 42,
) -> None:
    """Write a synthetic national data set (400 municipalities, 300 interventions)."""
    from whatworks import synth as synthetic

    manifest = synthetic.write(out, rows, seed)
    counts = ", ".join(f"{kind} {count:,}" for kind, count in manifest.rows.items())
    typer.echo(say("synth_written", out=out, counts=counts))


def main() -> None:
    """Entry point; usage errors exit 2 (click's convention).

    A database or file the command cannot use (a ``--db`` that is a directory or not a
    database, a folder it may not write) ends with one line saying so and exit 1, never a
    traceback.
    """
    try:
        app()
    except store.StoreError as exc:
        typer.echo(say("error", message=exc), err=True)
        raise SystemExit(1) from None
    except (duckdb.Error, OSError) as exc:
        error = store.storage_error(exc, store.default_db())
        typer.echo(say("error", message=error), err=True)
        raise SystemExit(1) from None
