"""The column mapping: what a file column can be read as, suggestions from the contract's
names and aliases, where each column's choice starts, and chosen columns that clash.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Final

from models import Kind, column_lookup, columns, normalise_name
from whatworks import ingest
from whatworks.ingest.validate import IGNORE_TARGETS

IGNORE: Final = "-"  # the mapping target that leaves a file column out (as --map COL=-)


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
