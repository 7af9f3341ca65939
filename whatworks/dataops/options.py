"""The Data page's import options: ``COLUMN=VALUE`` boxes, the widgets' values as
:class:`OptionInputs`, and their translation to and from :class:`~whatworks.ingest.LoadOptions`
(also as canonical text, the key a validation and a cache are stored under).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from whatworks import ingest
from whatworks.ingest.convert import parse_where, where_text


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


# A delimiter as a word (a tab cannot be typed in a text box).
DELIMITER_WORDS = {"tab": "\t"}


def parse_filters(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Filter lines (``COLUMN=VALUE``, ``COLUMN!=VALUE``, ``COLUMN>N``, ``COLUMN in A,B``), in
    order, and the lines that are not filters."""
    filters: list[tuple[str, str]] = []
    bad: list[str] = []
    for line in text.splitlines():
        if line.strip():
            parsed = parse_where(line)
            if parsed is None:
                bad.append(line.strip())
            else:
                filters.append(parsed)
    return filters, bad


def filters_text(filters: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """The text the filter box shows for saved filters."""
    items = filters.items() if isinstance(filters, Mapping) else filters
    return "\n".join(where_text(k, v) for k, v in items)


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
    delimiter: str = ""
    encoding: str = ""
    decimal: str | None = None
    header_rows: int | None = None
    keep_totals: bool = False
    recode: str = ""  # COLUMN:FROM=TO, one per line
    missing: str = ""  # one marker per line
    fill_down: str = ""  # one file column per line


def make_options(
    inputs: OptionInputs, mapping: Mapping[str, str] | None = None
) -> tuple[ingest.LoadOptions, list[str]]:
    """LoadOptions from the widgets, and the entries that could not be read."""
    constants, bad_constants = parse_pairs(inputs.constants)
    where, bad_where = parse_filters(inputs.where)
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
        delimiter=DELIMITER_WORDS.get(inputs.delimiter.strip().lower(), inputs.delimiter) or None,
        encoding=inputs.encoding.strip() or None,
        decimal=inputs.decimal if inputs.decimal in (",", ".") else None,
        header_rows=inputs.header_rows if inputs.header_rows and inputs.header_rows > 1 else None,
        keep_totals=inputs.keep_totals,
        recode=_lines(inputs.recode),
        missing=_lines(inputs.missing),
        fill_down=_lines(inputs.fill_down),
    )
    return options, problems


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


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
        where=filters_text(options.where),
        sum_lines=options.sum_lines,
        skip_missing=options.skip_missing,
        delimiter={v: k for k, v in DELIMITER_WORDS.items()}.get(
            options.delimiter or "", options.delimiter or ""
        ),
        encoding=options.encoding or "",
        decimal=options.decimal,
        header_rows=options.header_rows,
        keep_totals=options.keep_totals,
        recode="\n".join(options.recode),
        missing="\n".join(options.missing),
        fill_down="\n".join(options.fill_down),
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
