"""What the outside world sees of a check: problems, options, context and the report.

``Problem`` is one error or warning and ``Note`` one note, each a catalogue key with its
values; ``LoadOptions`` what an analyst says about how to read a file; ``Context`` what the
checks need to know of the data already loaded; ``Report`` the load report, the same for the
CLI's --json and the Data page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any

from whatworks.i18n import t

MAX_LISTED = 10_000


def say(key: str, params: dict[str, Any], lang: str = "en") -> str:
    """The catalogue's text for ``key`` in ``lang``, filled with ``params``.

    The only place a problem's or note's words come from: English for the CLI and --json,
    the page's language on the Data page.
    """
    return t(key, lang, **{k: v for k, v in params.items() if k != "variant"})


@dataclass
class Problem:
    """One error or warning, as the analyst needs it to fix the file.

    A problem is a code and the values its message is made of; the words are in the
    catalogues under ``problem.<code>`` (``problem.<code>.<variant>`` when params has a
    "variant"), English included.
    """

    row: int | None
    column: str | None
    value: str | None
    code: str
    field: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def key(self) -> str:
        """The catalogue key of the message (see :func:`message_key`)."""
        return message_key(self.code, self.params)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        return say(self.key, self.params, lang)

    @property
    def message(self) -> str:
        """The message in English: the CLI's and the JSON report's words."""
        return self.text()

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "code": self.code,
            "field": self.field,
            "params": self.params,
        }


def message_key(code: str, params: dict[str, Any]) -> str:
    """``problem.<code>``, or ``problem.<code>.<variant>`` for a message of another shape."""
    variant = params.get("variant")
    return f"problem.{code}.{variant}" if variant else f"problem.{code}"


@dataclass
class Note:
    """Something the reader did that the analyst should know: a catalogue key and values."""

    key: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The note in ``lang``."""
        return say(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.text()


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
    # Cell values turned into others before anything is read: COLUMN:FROM=TO (TO empty: none).
    recode: list[str] = field(default_factory=list)
    # More cell texts that mean "no value" (pm, n.v.t.), beside the contract's.
    missing: list[str] = field(default_factory=list)
    # File columns whose empty cells take the value above them (group labels).
    fill_down: list[str] = field(default_factory=list)
    # Keep subtotal rows (Totaal, Totalt, I alt, Sum) instead of leaving them out.
    keep_totals: bool = False
    # Header rows stacked above the data (years over accounts), joined into one.
    header_rows: int | None = None

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
        for name in ("recode", "missing", "fill_down"):
            if isinstance(known.get(name), list):
                known[name] = [str(v) for v in known[name]]
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
    # The month a financial year starts in (the setting fiscal_year_start; 1 = calendar).
    fiscal_year_start: int = 1


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
    notes: list[Note] = field(default_factory=list)
    error_count: int = 0
    # Budget: the amounts the file carries (a load replaces only those).
    amounts: list[str] = field(default_factory=list)
    # What the load replaces and keeps (see ingest/replace.py), and whether it removes most
    # of a year's money, which a load then needs confirmed.
    preview: list[dict[str, Any]] = field(default_factory=list)
    needs_confirmation: bool = False

    def note(self, key: str, **params: Any) -> None:
        """Add a note: its catalogue key (``note.<name>``) and values."""
        self.notes.append(Note(key, params))

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
            "notes": [note.text() for note in self.notes],
            "amounts": self.amounts,
            "preview": self.preview,
            "needs_confirmation": self.needs_confirmation,
        }
