"""Each limit of ``whatworks.ingest.read.Limits`` refuses with its own message.

Small files against small limits: the refusal must be the limit's variant and its words must
name the file (and, where the message has one, the limit)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whatworks.ingest.read import Limits, ReadError, read_table
from whatworks.stress import workbooks


@dataclass(frozen=True)
class LimitCase:
    variant: str
    file_name: str
    data: bytes
    limits: Limits


def limit_cases() -> Iterator[LimitCase]:
    rows = ("year;programme;actual\n" + "2025;Youth care;1\n" * 200_000).encode()
    wide = ("a;" * 60 + "b\n1\n").encode()
    sheet = workbooks.table_workbook([["year", "programme", "actual"], ["2025", "Y", "1"]])
    far = f'<row r="1048576">{workbooks.cell("XFD1048576", "x")}</row>'
    huge = workbooks.workbook(workbooks.sheet_xml([["year"]], "A1:XFD1048576", far))
    yield LimitCase("too_big", "big.csv", rows, Limits(max_bytes=1000, isolate=False))
    yield LimitCase("too_big_unpacked", "packed.xlsx", sheet, Limits(max_unpacked=500))
    yield LimitCase("too_many_rows", "long.csv", rows, Limits(max_rows=1000))
    yield LimitCase("too_many_columns", "wide.csv", wide, Limits(max_columns=20))
    yield LimitCase("too_many_cells", "cells.csv", rows, Limits(max_cells=5000))
    yield LimitCase("too_many_cells", "area.xlsx", sheet, Limits(max_sheet_cells=4))
    yield LimitCase("too_many_columns", "xfd.xlsx", huge, Limits())
    yield LimitCase("too_slow", "slow.csv", rows, Limits(max_seconds=0.001))
    # The checks widened so python-calamine does ask for the sheet: the capped child dies alone.
    wide_open = Limits(max_columns=20_000, max_sheet_cells=10**13, max_memory=256 << 20)
    yield LimitCase("too_much_memory", "bomb.xlsx", huge, wide_open)


def limit_findings() -> tuple[int, list[str]]:
    """(cases, findings): each limit case refused by its own variant, naming the file."""
    findings: list[str] = []
    cases = list(limit_cases())
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="stress-limit-") as folder:
            try:
                read_table(case.data, case.file_name, work_dir=Path(folder), limits=case.limits)
            except ReadError as exc:
                if exc.variant != case.variant:
                    findings.append(f"{case.file_name}: {exc.variant}, not {case.variant}")
                elif case.file_name not in str(exc):
                    findings.append(f"{case.file_name}: the message does not name the file")
                continue
            findings.append(f"{case.file_name}: read, but must be refused ({case.variant})")
    return len(cases), findings
