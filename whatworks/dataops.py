"""What the Data and Settings pages do, without Streamlit.

Reading an upload as the validator will see it (preview, dialect, kind guessed from the
headers), suggesting a column mapping from the contract's names and aliases, turning the
page's option widgets into :class:`~whatworks.ingest.LoadOptions`, the report as CSV with
formula cells neutralised, what a version changed, what a restore would do, and how healthy
the loaded data is. The changes (load, restore, mappings, settings) take an :class:`Actor`
and refuse a viewer: hiding a button is not a permission check. ``whatworks.roles`` says who
the actor is; every function here can be tested without a browser.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import json
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, Literal

import duckdb
import pandas as pd
from babel.dates import get_month_names
from babel.numbers import get_currency_name, list_currencies
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from models import Kind, column_lookup, columns, normalise_name
from whatworks import browse, ingest, store
from whatworks.i18n import LANGUAGES, LOCALES, format_datetime, format_number, t
from whatworks.ingest.load import save_mapping as _save_mapping
from whatworks.ingest.read import detect_format
from whatworks.ingest.validate import IGNORE_TARGETS

PREVIEW_ROWS: Final = 20
IGNORE: Final = "-"  # the mapping target that leaves a file column out (as --map COL=-)

# Words in a file name that hint at its kind; used only when the headers tie.
NAME_HINTS: Final[dict[Kind, tuple[str, ...]]] = {
    Kind.budget: (
        "budget",
        "begroting",
        "jaarrekening",
        "realisatie",
        "regnskab",
        "regnskap",
        "budsjett",
        "iv3",
    ),
    Kind.programmes: ("programme", "register", "interventie", "indsats", "tiltak"),
    Kind.outcomes: ("outcome", "uitkomst", "resultat", "monitor", "meting"),
    Kind.indicators: ("indicators", "indicatoren", "indikatorer"),
}


# --------------------------------------------------------------------------- who may act


@dataclass(frozen=True)
class Actor:
    """Who asks for a change (as recorded in the versions) and whether they may make it."""

    name: str
    analyst: bool


class NotAllowedError(PermissionError):
    """A viewer asked for something only an analyst may do."""


def require_analyst(actor: Actor, action: str) -> None:
    """Refuse ``action`` unless ``actor`` is an analyst."""
    if not actor.analyst:
        msg = f"{actor.name or 'this user'} may not {action}: only analysts may"
        raise NotAllowedError(msg)


# --------------------------------------------------------------------------- reading a file


def file_token(file_name: str, data: bytes) -> str:
    """A short, stable id for one uploaded file (its widgets are keyed by it)."""
    digest = hashlib.sha256(file_name.encode("utf-8") + b"\x00" + data).hexdigest()
    return digest[:12]


@dataclass(frozen=True)
class Parsed:
    """A file as the validator reads it: header, first rows, dialect and notes."""

    header: tuple[str, ...]
    rows: pd.DataFrame  # the first rows as text, indexed by spreadsheet row number
    total_rows: int
    dialect: Mapping[str, Any]
    notes: tuple[str, ...]
    error: str | None = None


def _known_names(kind: Kind | None, options: ingest.LoadOptions) -> set[str]:
    kinds = list(Kind) if kind is None else [Kind(kind)]
    known = {name for k in kinds for name in column_lookup(k)}
    return known | {normalise_name(k) for k in options.mapping}


def _unique(names: Iterable[str]) -> list[str]:
    """Column names made unique for a table (a file may repeat a header)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def parse(
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions | None = None,
    kind: Kind | str | None = None,
    limit: int = PREVIEW_ROWS,
) -> Parsed:
    """Read a file as the validator of ``kind`` will (any kind when None): the preview."""
    opts = options or ingest.LoadOptions()
    read_options = ingest.ReadOptions(
        opts.sheet, opts.skip_rows, opts.no_header, opts.delimiter, opts.encoding
    )
    known = _known_names(Kind(kind) if kind else None, opts)
    with tempfile.TemporaryDirectory(prefix="whatworks-preview-") as tmp:
        try:
            raw = ingest.read_table(data, file_name, read_options, known, Path(tmp))
        except (ingest.ReadError, UnicodeDecodeError, LookupError) as exc:
            return Parsed((), pd.DataFrame(), 0, {}, (), str(exc))
        with open(raw.csv_path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)  # _row, c1..cN
            first = [row for _, row in zip(range(limit), reader, strict=False)]
    frame = pd.DataFrame(
        [row[1:] for row in first], columns=_unique(raw.header), index=[int(r[0]) for r in first]
    )
    dialect = {
        "format": raw.file_format,
        "encoding": raw.encoding,
        "delimiter": raw.delimiter,
        "sheet": raw.sheet,
        "header_row": raw.header_row,
    }
    return Parsed(tuple(raw.header), frame, raw.rows, dialect, tuple(raw.notes))


def sheet_names(data: bytes, file_name: str) -> list[str]:
    """The sheets of an Excel workbook (empty for a CSV or a file that cannot be opened)."""
    try:
        if detect_format(data, file_name) == "csv":
            return []
        from python_calamine import CalamineWorkbook

        return [str(n) for n in CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names]
    except Exception:  # any failure: no sheet list; the validator says what is wrong
        return []


def header_matches(headers: Iterable[str], kind: Kind | str) -> set[str]:
    """The contract columns of ``kind`` that headers name exactly (by name or alias)."""
    lookup = column_lookup(kind)
    return {lookup[n] for h in headers if (n := normalise_name(h)) in lookup}


def guess_kind(headers: Sequence[str], file_name: str = "") -> Kind:
    """The kind whose contract columns the headers name most.

    Ties go to the kind naming more of its required columns, then to a hint in the file
    name (``begroting``, ``register``, ...), then to the contract's order of kinds.
    """
    name = file_name.lower()

    def score(kind: Kind) -> tuple[int, int, bool]:
        matched = header_matches(headers, kind)
        required = {s.name for s in columns(kind) if s.required}
        hint = any(word in name for word in NAME_HINTS[kind])
        return len(matched), len(matched & required), hint

    return max(Kind, key=score)


# --------------------------------------------------------------------------- column mapping


def mapping_targets(kind: Kind | str) -> list[str]:
    """What a file column can be read as: left out, or one of the kind's contract columns."""
    return [IGNORE, *(spec.name for spec in columns(kind))]


_TOKEN = re.compile(r"[^\w]+")


def suggest_mapping(headers: Sequence[str], kind: Kind | str) -> dict[str, str]:
    """A contract column for every header that names one, else :data:`IGNORE`.

    First exact names and aliases (as the validator resolves them; the first header for a
    column wins), then, for the headers left, a word of the header that is a name or alias
    (``Lasten (x 1000)`` -> actual), then a close spelling (``realisaties`` -> actual).
    Each contract column is suggested once.
    """
    lookup = column_lookup(kind)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        column = lookup.get(normalise_name(header))
        if column and column not in taken:
            out[header] = column
            taken.add(column)
    for header in headers:
        if header in out:
            continue
        words = [w for w in _TOKEN.split(header.lower()) if len(w) >= 3]
        found = next((lookup[w] for w in words if w in lookup and lookup[w] not in taken), None)
        if found is None and len(normalise_name(header)) >= 5:
            free = [name for name, column in lookup.items() if column not in taken]
            close = difflib.get_close_matches(normalise_name(header), free, n=1, cutoff=0.85)
            found = lookup[close[0]] if close else None
        if found:
            out[header] = found
            taken.add(found)
    return {header: out.get(header, IGNORE) for header in headers}


def mapping_defaults(
    headers: Sequence[str],
    kind: Kind | str,
    resolved: Mapping[str, str],
    user_mapping: Mapping[str, str],
) -> dict[str, str]:
    """Where each file column's mapping starts: what the validator resolved.

    A column the validator left out starts at its suggestion (:func:`suggest_mapping`),
    unless the user left it out on purpose or its suggested column is already read from
    another file column.
    """
    ignored = {
        normalise_name(source)
        for source, target in user_mapping.items()
        if normalise_name(target) in IGNORE_TARGETS
    }
    suggested = suggest_mapping(headers, kind)
    taken = set(resolved.values())
    out: dict[str, str] = {}
    for header in headers:
        if header in resolved:
            out[header] = resolved[header]
            continue
        target = suggested[header]
        if normalise_name(header) in ignored or target == IGNORE or target in taken:
            out[header] = IGNORE
        else:
            out[header] = target
            taken.add(target)
    return out


def mapping_overrides(chosen: Mapping[str, str], resolved: Mapping[str, str]) -> dict[str, str]:
    """The ``--map`` entries that turn what the validator resolved into what was chosen."""
    return {h: target for h, target in chosen.items() if target != resolved.get(h, IGNORE)}


def with_mapping(options: ingest.LoadOptions, overrides: Mapping[str, str]) -> ingest.LoadOptions:
    """A copy of ``options`` whose column mapping has ``overrides`` on top."""
    replaced = {normalise_name(k) for k in overrides}
    mapping = {k: v for k, v in options.mapping.items() if normalise_name(k) not in replaced}
    copy = ingest.LoadOptions.from_dict(options.as_dict())
    copy.mapping = {**mapping, **overrides}
    return copy


def mapping_conflicts(chosen: Mapping[str, str], kind: Kind | str) -> dict[str, list[str]]:
    """Contract columns chosen for more than one file column."""
    contract = {spec.name for spec in columns(kind)}
    by_target: dict[str, list[str]] = {}
    for header, target in chosen.items():
        if target in contract:
            by_target.setdefault(target, []).append(header)
    return {target: headers for target, headers in by_target.items() if len(headers) > 1}


# --------------------------------------------------------------------------- options


def parse_pairs(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """``COLUMN=VALUE`` lines (``COLUMN!=VALUE`` too), in order, and the lines that are not."""
    pairs: list[tuple[str, str]] = []
    bad: list[str] = []
    for line in text.splitlines():
        item = line.strip()
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            bad.append(item)
            continue
        pairs.append((key.strip(), value.strip()))
    return pairs, bad


def pairs_text(pairs: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """The text a ``COLUMN=VALUE`` box shows for saved pairs."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return "\n".join(f"{k}={v}" for k, v in items)


@dataclass(frozen=True)
class OptionInputs:
    """The import options as the Data page's widgets hold them."""

    sheet: str | None = None
    skip_rows: int | None = None
    no_header: bool = False
    years_in_columns: bool = False
    years_as: str | None = None
    indicators_in_columns: bool = False
    scale: float | str | None = None
    constants: str = ""
    where: str = ""
    sum_lines: bool = False
    skip_missing: bool = False


def make_options(
    inputs: OptionInputs, mapping: Mapping[str, str] | None = None
) -> tuple[ingest.LoadOptions, list[str]]:
    """LoadOptions from the widgets, and the entries that could not be read."""
    constants, bad_constants = parse_pairs(inputs.constants)
    where, bad_where = parse_pairs(inputs.where)
    problems = [*bad_constants, *bad_where]
    scale: Decimal | None = None
    if inputs.scale not in (None, ""):
        try:
            scale = Decimal(str(inputs.scale))
        except InvalidOperation:
            problems.append(str(inputs.scale))
        else:
            if scale <= 0:
                problems.append(str(inputs.scale))
                scale = None
            elif scale == scale.to_integral_value():
                scale = scale.quantize(Decimal(1))
    options = ingest.LoadOptions(
        mapping=dict(mapping or {}),
        constants=dict(constants),
        sheet=inputs.sheet or None,
        skip_rows=inputs.skip_rows,
        no_header=inputs.no_header,
        years_in_columns=inputs.years_in_columns,
        years_as=inputs.years_as if inputs.years_in_columns else None,
        indicators_in_columns=inputs.indicators_in_columns,
        scale=None if scale in (None, Decimal(1)) else scale,
        where=where,
        sum_lines=inputs.sum_lines,
        skip_missing=inputs.skip_missing,
    )
    return options, problems


def option_inputs(options: ingest.LoadOptions) -> OptionInputs:
    """What the widgets show for saved options (the inverse of :func:`make_options`)."""
    return OptionInputs(
        sheet=options.sheet,
        skip_rows=options.skip_rows,
        no_header=options.no_header,
        years_in_columns=options.years_in_columns,
        years_as=options.years_as,
        indicators_in_columns=options.indicators_in_columns,
        scale=float(options.scale) if options.scale is not None else None,
        constants=pairs_text(options.constants),
        where=pairs_text(options.where),
        sum_lines=options.sum_lines,
        skip_missing=options.skip_missing,
    )


def options_key(options: ingest.LoadOptions) -> str:
    """Options as canonical text: a cache key, and what a validation was run with."""
    return json.dumps(
        {**options.as_dict(), "mapping": options.mapping}, sort_keys=True, ensure_ascii=False
    )


def options_from_key(key: str) -> ingest.LoadOptions:
    """The inverse of :func:`options_key`."""
    data = json.loads(key)
    mapping = data.pop("mapping", {})
    options = ingest.LoadOptions.from_dict(data)
    options.mapping = dict(mapping)
    return options


# --------------------------------------------------------------------------- the report

REPORT_COLUMNS: Final = ("severity", "row", "column", "value", "message", "file")
# A cell beginning with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def report_rows(report: ingest.Report) -> list[dict[str, Any]]:
    """Every error, then every warning, with the file, row, column and value it is about."""
    rows = []
    for severity, problems in (("error", report.errors), ("warning", report.warnings)):
        for p in problems:
            rows.append(
                {
                    "severity": severity,
                    "row": p.row,
                    "column": p.column,
                    "value": p.value,
                    "message": p.message,
                    "file": report.file,
                }
            )
    return rows


def report_frame(report: ingest.Report) -> pd.DataFrame:
    """The report as a table (columns :data:`REPORT_COLUMNS`)."""
    frame = pd.DataFrame(report_rows(report), columns=list(REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame


def report_csv(report: ingest.Report, lang: str = "en") -> bytes:
    """The report as a CSV file for a spreadsheet: headers in ``lang``, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(t(f"data.report_col.{c}", lang)) for c in REPORT_COLUMNS])
    for row in report_rows(report):
        row["severity"] = t(f"data.severity.{row['severity']}", lang)
        writer.writerow(["" if row[c] is None else neutralise(row[c]) for c in REPORT_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def report_error_count(report: ingest.Report) -> int:
    """All errors found, also those beyond the listed maximum."""
    return max(report.error_count, len(report.errors))


# --------------------------------------------------------------------------- changes


def check_file(
    db: Path,
    kind: Kind | str,
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions,
) -> ingest.Report:
    """Validate only (anyone may): the report; nothing is written."""
    return ingest.check(db, kind, data, file_name, options)


def load_file(
    db: Path,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions,
) -> ingest.Report:
    """Validate and, without errors, load as a new version recorded as the actor's."""
    require_analyst(actor, "load data")
    return ingest.load(db, kind, data, file_name, options, loaded_by=actor.name)


def restore_version(db: Path, actor: Actor, version: int) -> int:
    """Restore the state after ``version`` as a new version; returns the new version id."""
    require_analyst(actor, "restore a version")
    return store.restore(db, version, loaded_by=actor.name)


def save_mapping(
    db: Path, actor: Actor, name: str, kind: Kind | str, options: ingest.LoadOptions
) -> str:
    """Save the mapping and options under ``name`` (replacing one of that name)."""
    require_analyst(actor, "save a mapping")
    clean = name.strip()
    if not clean:
        msg = "a saved mapping needs a name"
        raise ValueError(msg)
    with store.writer(db) as con:
        _save_mapping(con, clean, Kind(kind), options, actor.name)
    return clean


@dataclass(frozen=True)
class SavedMapping:
    """An import recipe saved under a name."""

    name: str
    kind: Kind
    options: ingest.LoadOptions  # with its column mapping
    saved_at: dt.datetime
    saved_by: str


def saved_mappings(con: duckdb.DuckDBPyConnection) -> list[SavedMapping]:
    """Every saved mapping, by name."""
    out = []
    for row in store.rows_as_dicts(store.run(con, "mappings")):
        options = ingest.LoadOptions.from_dict(json.loads(row["options"]))
        options.mapping = json.loads(row["mapping"])
        out.append(
            SavedMapping(row["name"], Kind(row["kind"]), options, row["saved_at"], row["saved_by"])
        )
    return out


# --------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class TableChange:
    """What one version did to one table."""

    kind: Kind
    rows_before: int
    added: int
    removed: int
    rows_after: int


def version_diff(con: duckdb.DuckDBPyConnection, version: int) -> list[TableChange]:
    """Per table, what ``version`` changed against the version before it."""
    rows = store.run(con, "data_version_diff", {"version": version}).fetchall()
    found = {
        Kind(kind): TableChange(Kind(kind), int(b), int(a), int(r), int(f))
        for kind, b, a, r, f in rows
    }
    return [found.get(kind, TableChange(kind, 0, 0, 0, 0)) for kind in Kind]


@dataclass(frozen=True)
class RestoreChange:
    """What restoring a version would do to one table."""

    kind: Kind
    rows_now: int
    rows_then: int
    closed: int
    reopened: int


def restore_preview(con: duckdb.DuckDBPyConnection, version: int) -> list[RestoreChange]:
    """Per table, what restoring ``version`` would close and bring back."""
    rows = store.run(con, "data_restore_preview", {"version": version}).fetchall()
    found = {
        Kind(kind): RestoreChange(Kind(kind), int(n), int(th), int(c), int(r))
        for kind, n, th, c, r in rows
    }
    return [found.get(kind, RestoreChange(kind, 0, 0, 0, 0)) for kind in Kind]


def version_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every version id, newest first."""
    return [int(row["version_id"]) for row in store.versions(con)]


def version_labels(con: duckdb.DuckDBPyConnection, lang: str) -> dict[int, str]:
    """A line per version to choose it by: number, what was loaded from which file, when."""
    labels = {}
    for row in store.versions(con):
        parts = [t("data.version_option", lang, version=row["version_id"])]
        if row["action"] == "restore" and row["restored_from"] is not None:
            parts.append(t("data.version_restored", lang, version=row["restored_from"]))
        else:
            kind = row["kind"]
            parts.append(t(f"kind.{kind}", lang) if kind in {*Kind, "all"} else str(kind))
        if row["source_file"]:
            parts.append(str(row["source_file"]))
        parts.append(format_datetime(row["loaded_at"], lang))
        labels[int(row["version_id"])] = " · ".join(parts)
    return labels


# --------------------------------------------------------------------------- data health


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
    home = store.settings(con).get("home_municipality") or None
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


# --------------------------------------------------------------------------- settings

SettingField = Literal["home_municipality", "default_currency", "language", "fiscal_year_start"]


def currencies() -> list[str]:
    """ISO 4217 codes: the ones our users have first, then every other, alphabetically."""
    first = ["EUR", "DKK", "NOK", "SEK", "GBP", "USD"]
    return first + sorted(set(list_currencies()) - set(first))


def currency_label(code: str, lang: str) -> str:
    """``EUR — euro`` in ``lang``."""
    try:
        name = get_currency_name(code, locale=LOCALES[lang])
    except (KeyError, ValueError):
        return code
    return f"{code} — {name}" if name and name != code else code


def month_name(month: int, lang: str) -> str:
    """The month's name in ``lang`` (``april``, ``april``, ``april``, ``April``)."""
    return str(get_month_names("wide", locale=LOCALES[lang])[month])


class Settings(BaseModel):
    """The settings an analyst can change (``store.SETTINGS_KEYS``), validated."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    home_municipality: str = Field(default="", max_length=200)
    default_currency: str = "EUR"
    language: str = "en"
    fiscal_year_start: int = Field(default=1, ge=1, le=12)

    @field_validator("default_currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in list_currencies():
            msg = f"{value!r} is not an ISO 4217 currency code"
            raise ValueError(msg)
        return code

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            msg = f"{value!r} is not one of {', '.join(LANGUAGES)}"
            raise ValueError(msg)
        return value

    @classmethod
    def from_store(cls, values: Mapping[str, str]) -> Settings:
        """The saved settings; a saved value that does not validate shows as its default."""
        accepted: dict[str, str] = {}
        for name in cls.model_fields:
            if values.get(name) is None:
                continue
            try:
                cls.model_validate({name: values[name]})
            except ValidationError:
                continue
            accepted[name] = values[name]
        return cls.model_validate(accepted)

    def to_store(self) -> dict[str, str]:
        """The values as the settings table keeps them (text)."""
        return {name: str(value) for name, value in self.model_dump().items()}


def settings_problems(values: Mapping[str, Any]) -> tuple[Settings | None, list[str]]:
    """Validated settings, or the names of the fields that are wrong."""
    try:
        return Settings.model_validate(dict(values)), []
    except ValidationError as exc:
        return None, sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})


def current_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """The saved settings (defaults for what is not saved)."""
    return Settings.from_store(store.settings(con))


def municipalities(con: duckdb.DuckDBPyConnection, version: int) -> list[str]:
    """Municipalities named in the budget and outcome rows at ``version``."""
    return [str(r[0]) for r in store.run(con, "municipalities", {"version": version}).fetchall()]


def save_settings(db: Path, actor: Actor, settings: Settings) -> None:
    """Save the settings (analysts only)."""
    require_analyst(actor, "change settings")
    store.save_settings(db, settings.to_store())


# --------------------------------------------------------------------------- display tables


def dialect_line(parsed: Parsed, decimal: str | None, lang: str) -> str:
    """How a file was read, in one line of Markdown: format, encoding, separator, ..."""
    d = parsed.dialect

    def code(value: object) -> str:
        return "`" + str(value).replace("`", "'") + "`"

    parts = [t("data.dialect_format", lang, format=str(d.get("format", "")).upper())]
    if d.get("encoding"):
        parts.append(t("data.dialect_encoding", lang, encoding=code(d["encoding"])))
    if d.get("delimiter"):
        tab = d["delimiter"] == "\t"
        shown = t("data.delimiter_tab", lang) if tab else code(d["delimiter"])
        parts.append(t("data.dialect_delimiter", lang, delimiter=shown))
    if decimal:
        parts.append(t("data.dialect_decimal", lang, decimal=code(decimal)))
    if d.get("sheet"):
        parts.append(t("data.dialect_sheet", lang, sheet=code(d["sheet"])))
    if d.get("header_row"):
        parts.append(t("data.dialect_header", lang, row=d["header_row"]))
    else:
        parts.append(t("data.dialect_no_header", lang))
    parts.append(t("data.dialect_rows", lang, rows=format_number(parsed.total_rows, lang)))
    return " · ".join(parts)


def report_table(report: ingest.Report, lang: str) -> pd.DataFrame:
    """The report for the screen: headers and severities in ``lang``, no empty markers."""
    table = report_frame(report)
    table["severity"] = [t(f"data.severity.{s}", lang) for s in table["severity"]]
    table["row"] = ["" if pd.isna(r) else str(r) for r in table["row"]]
    table = table.astype(object).where(table.notna(), "")
    return table.rename(columns={c: t(f"data.report_col.{c}", lang) for c in REPORT_COLUMNS})


def changes_table(
    changes: Sequence[TableChange] | Sequence[RestoreChange], columns: Sequence[str], lang: str
) -> pd.DataFrame:
    """Per-table counts of a diff or a restore preview, headed in ``lang``."""
    names = ("kind", *columns)
    rows = [{c: getattr(change, c) for c in names} for change in changes]
    table = pd.DataFrame(rows, columns=list(names))
    table["kind"] = [t(f"kind.{k}", lang) for k in table["kind"]]
    return table.rename(columns={c: t(f"data.change_col.{c}", lang) for c in names})


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
