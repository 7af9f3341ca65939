"""The hostile corpus: files an attacker or an unlucky export would hand the loader.

Two halves. The contract turned inside out is generated from ``models.py``: every column's
type, range, required flag and alias and every ``ROW_RULES`` rule broken one at a time, each
case knowing the row and column its rejection must name. The rest are the shapes of issue 10:
sizes and shapes no reader should allocate, workbooks that lie, quotes and delimiters that
swallow or split, numbers and dates at the edges, text that is markup, SQL or control
characters, bad encodings and binary junk, for each of the four kinds.

``corpus(scale)`` is deterministic (one seed); ``scale`` shrinks the giant files for quick runs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from models import (
    ROW_RULES,
    UNIQUE_IN_FILE,
    ColumnSpec,
    Kind,
    columns,
    template_rows,
)
from whatworks.stress import workbooks

Expect = Literal["reject", "load", "either"]
SEED = 20261130
BOMB_SCALE = 0.1  # below it the corpus has no real zip bomb (one that declares 4 GB stays)


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what must become of it.

    ``expect``: ``reject`` (with a message naming ``where`` when given: row, column),
    ``load``, or ``either`` (no crash, no hang, nothing written on a rejection).
    ``stored``: column -> text a load must keep byte for byte; ``numbers``: column -> a
    measurement a load must keep exactly.
    """

    name: str
    kind: Kind
    group: str
    data: bytes
    expect: Expect = "either"
    where: tuple[int | None, str] | None = None
    stored: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


def base_row(kind: Kind) -> dict[str, str]:
    """The contract's example row of a kind: valid on its own (the base database holds it)."""
    header, example = template_rows(kind)
    return dict(zip(header, example, strict=True))


def csv_bytes(rows: list[dict[str, str]], header: list[str] | None = None, sep: str = ";") -> bytes:
    """Rows as a CSV the way a careful export writes it (cells quoted when they must be)."""
    names = header or list(rows[0])
    lines = [sep.join(names)]
    for row in rows:
        cells = []
        for name in names:
            value = row.get(name, "")
            if any(c in value for c in (sep, '"', "\n", "\r")):
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        lines.append(sep.join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- the contract


WRONG_TYPE: dict[str, tuple[str, ...]] = {
    "integer": ("12x", "1.5"),
    "money": ("12x", "1.2.3,4,5"),
    "decimal": ("abc", "1,2,3.4.5"),
    "date": ("2023-13-45", "yesterday"),
    "boolean": ("perhaps",),
    "period": ("2025-Q9", "someday"),
    "currency": ("EURO", "€€"),
    "enum": ("bogus_choice",),
}


def _below(spec: ColumnSpec) -> str | None:
    low = spec.col.minimum
    if low is None:
        return None
    if spec.type == "period":
        return str(int(low) - 1)
    step = Decimal(0) if spec.col.exclusive_minimum else Decimal(1)
    if spec.type in ("decimal", "money") and not spec.col.exclusive_minimum:
        step = Decimal("0.5")
    return str(low - step)


def _above(spec: ColumnSpec) -> str | None:
    high = spec.col.maximum
    if high is None:
        return None
    if spec.type == "period":
        return str(int(high) + 1)
    step = Decimal("0.5") if spec.type in ("decimal", "money") else Decimal(1)
    return str(high + step)


def contract_cases() -> Iterator[Case]:
    """Every column's type, range, required flag and alias, and every row rule, broken once."""
    for kind in Kind:
        base = base_row(kind)
        yield Case(f"{kind}-valid.csv", kind, "control", csv_bytes([base]), "load")
        for spec in columns(kind):
            name = spec.name
            for n, wrong in enumerate(WRONG_TYPE.get(spec.type, ())):
                if spec.type == "enum" and not spec.choices:
                    continue
                row = {**base, name: wrong}
                yield Case(
                    f"{kind}-type-{name}-{n}.csv",
                    kind,
                    "contract-type",
                    csv_bytes([row]),
                    "reject",
                    (2, name),
                )
            for side, value in (("below", _below(spec)), ("above", _above(spec))):
                if value is not None:
                    row = {**base, name: value}
                    yield Case(
                        f"{kind}-range-{name}-{side}.csv",
                        kind,
                        "contract-range",
                        csv_bytes([row]),
                        "reject",
                        (2, name),
                    )
            if spec.required:
                row = {**base, name: ""}
                yield Case(
                    f"{kind}-required-{name}-empty.csv",
                    kind,
                    "contract-required",
                    csv_bytes([row]),
                    "reject",
                    (2, name),
                )
                header = [h for h in base if h != name]
                yield Case(
                    f"{kind}-required-{name}-no-column.csv",
                    kind,
                    "contract-required",
                    csv_bytes([base], header),
                    "reject",
                    (None, name),
                )
            if spec.aliases:
                alias = spec.aliases[0]
                header = [*base, alias]
                row = {**base, alias: base[name] or "x"}
                yield Case(
                    f"{kind}-alias-{name}.csv",
                    kind,
                    "contract-alias",
                    csv_bytes([row], header),
                    "reject",
                    (None, alias),
                )
        for rule in ROW_RULES[kind]:
            row = dict(base)
            if rule.check == "any_given":
                row.update(dict.fromkeys(rule.columns, ""))
            elif rule.check == "not_above":
                low, high = rule.columns
                row[low] = str(Decimal(row[high] or "1") + 1)
                row[high] = row[high] or "1"
            else:
                row[rule.columns[0]] = row[rule.columns[0]] or "1"
                row[rule.columns[1]] = ""
            yield Case(
                f"{kind}-rule-{rule.code}.csv",
                kind,
                "contract-rule",
                csv_bytes([row]),
                "reject",
                (2, rule.field),
            )
        keys = UNIQUE_IN_FILE[kind]
        if keys:
            other = next(s.name for s in columns(kind) if s.name not in keys and s.type == "text")
            twin = {**base, other: base[other] + " (twin)"}
            yield Case(
                f"{kind}-unique-{'-'.join(keys)}.csv",
                kind,
                "contract-unique",
                csv_bytes([base, twin]),
                "reject",
                (3, keys[0]),
            )


# --------------------------------------------------------------------------- issue 10's shapes

HOSTILE_TEXT: dict[str, str] = {
    "formula": "=cmd|' /C calc'!A0",
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1:A9)",
    "fullwidth": "＝1+1",
    "leading-space": "  =1+1",
    "script": "<script>alert(1)</script>",
    "image": "![t](https://evil.example/t.png)",
    "link": "[x](javascript:alert(1))",
    "katex": "$x^2$ **b** :red[r]",
    "html": "<b>b</b><a href='https://evil.example'>a</a>",
    "sql": "x'; DROP TABLE budget_rows; --",
    "rtl": "abc\u202egnp.exe",
    "zero-width": "a\u200bb\u200dc\ufeffd",
    "nul": "a\x00b",
    "newline": "line one\nline two",
    "emoji": "👩‍👩‍👧 家族 عائلة",
}


def _text_column(kind: Kind) -> str:
    """A text column of the kind that is no key and no reference (free text, stored as is)."""
    return {
        Kind.budget: "programme",
        Kind.programmes: "name",
        Kind.outcomes: "area",
        Kind.indicators: "description",
    }[kind]


def _number_column(kind: Kind) -> str:
    return {
        Kind.budget: "actual",
        Kind.programmes: "expected_effect",
        Kind.outcomes: "value",
        Kind.indicators: "value_per_unit",
    }[kind]


NUMBERS: dict[str, tuple[str, Expect]] = {
    "tiny": ("1.23e-10", "either"),  # money: rounded to cents with a warning; measurements: kept
    "huge": ("1e35", "either"),  # money: beyond DECIMAL(18, 2); measurements: kept
    "spaced-digits": ("1 2 3 4", "reject"),
    "spaced-digits-long": ("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1", "reject"),
    "div0": ("#DIV/0!", "reject"),
    "value-error": ("#VALUE!", "reject"),
    "ref-error": ("#REF!", "reject"),
    "nan": ("NaN", "reject"),
    "inf": ("inf", "reject"),
    "minus-inf": ("-Infinity", "reject"),
    "overflow": ("1e309", "reject"),
    "two-points": ("1.2.3", "reject"),
    "hex": ("0x1F", "reject"),
    "arabic-digits": ("١٢٣", "either"),
    "double-minus": ("--5", "reject"),
    "accounting": ("(100)", "either"),
}


def _with(kind: Kind, column: str, value: str) -> bytes:
    """The example row with ``value`` in ``column``, and the row rules' partners of the column
    left empty (a number at the edge is then judged on its own)."""
    row = {**base_row(kind), column: value}
    for rule in ROW_RULES[kind]:
        if column in rule.columns and rule.check != "any_given":
            row.update({c: "" for c in rule.columns if c != column})
    return csv_bytes([row])


def generic_cases(kind: Kind, rng: random.Random) -> Iterator[Case]:
    """The shapes every kind meets: empties, quotes, delimiters, headers, text, encodings."""
    base = base_row(kind)
    header = list(base)
    good = csv_bytes([base])
    text = _text_column(kind)
    k = kind.value

    def case(name: str, group: str, data: bytes, expect: Expect = "either", **kw: object) -> Case:
        return Case(f"{k}-{name}", kind, group, data, expect, **kw)  # type: ignore[arg-type]

    for name, data in (
        ("empty.csv", b""),
        ("blank.csv", b" \n\t\n  \n"),
        ("bom-only.csv", b"\xef\xbb\xbf"),
        ("newlines.csv", b"\n" * 10_000),
        ("nul-only.csv", b"\x00" * 4096),
        ("header-only.csv", (";".join(header) + "\n").encode()),
    ):
        yield case(name, "empty", data, "reject")
    yield case("identical-rows.csv", "duplicates", csv_bytes([base, base, base]))
    # An unterminated quote in a free-text cell swallows the rest of the file.
    lines = good.decode().splitlines()
    quoted = ";".join(
        '"' + c if h == text else c for h, c in zip(header, lines[1].split(";"), strict=True)
    )
    rest = [lines[1]] * 3
    yield case(
        "unterminated-quote.csv",
        "quotes",
        "\n".join([lines[0], quoted, *rest]).encode() + b"\n",
        "reject",
    )
    cells = lines[1].split(";")
    opened = ";".join([*cells[:-1], '"' + cells[-1]])
    yield case(
        "unterminated-quote-last.csv",
        "quotes",
        "\n".join([lines[0], lines[1], opened, lines[1]]).encode() + b"\n",
        "reject",
    )
    yield case("quote-in-middle.csv", "quotes", good.replace(b"\n", b'"\n', 1))
    yield case(
        "mixed-delimiters.csv",
        "delimiters",
        (lines[0] + "\n" + lines[1].replace(";", ",") + "\n" + lines[1] + "\n").encode(),
        "reject",
    )
    yield case(
        "comma-row-only.csv",
        "delimiters",
        (lines[0] + "\n" + lines[1].replace(";", ",") + "\n").encode(),
        "reject",
    )
    yield case("duplicate-header.csv", "headers", csv_bytes([base], [*header, header[0]]), "reject")
    yield case("ragged-long.csv", "shape", (lines[0] + "\n" + lines[1] + ";x;y;z\n").encode())
    yield case(
        "ragged-short.csv",
        "shape",
        (lines[0] + "\n" + lines[1].split(";")[0] + "\n").encode(),
    )
    yield case("cr-only.csv", "shape", good.replace(b"\n", b"\r"), "load")
    yield case("crlf.csv", "shape", good.replace(b"\n", b"\r\n"), "load")
    yield case("title-lines.csv", "shape", b"Report 2025\nMade by finance\n\n" + good, "load")
    yield case("many-blank-lines.csv", "shape", good + b"\n" * 50_000, "load")
    yield case(
        "megabyte-cell.csv",
        "text",
        _with(kind, text, "x" * (1 << 20)),
        "load",
        stored={text: "x" * (1 << 20)},
    )
    for name, value in HOSTILE_TEXT.items():
        yield case(
            f"text-{name}.csv", "text", _with(kind, text, value), "either", stored={text: value}
        )
    # Encodings: the text column with letters outside ASCII.
    word = "Café Ærø Øst €"
    row = {**base, text: word}
    utf8 = csv_bytes([row])
    yield case("enc-utf8-bom.csv", "encoding", b"\xef\xbb\xbf" + utf8, "load", stored={text: word})
    yield case(
        "enc-cp1252.csv", "encoding", utf8.decode().encode("cp1252"), "load", stored={text: word}
    )
    latin = {**base, text: "Café Ærø"}
    yield case(
        "enc-latin1.csv",
        "encoding",
        csv_bytes([latin]).decode().encode("latin-1"),
        "load",
        stored={text: "Café Ærø"},
    )
    yield case(
        "enc-utf16-bom.csv", "encoding", utf8.decode().encode("utf-16"), "load", stored={text: word}
    )
    yield case(
        "enc-utf16-be.csv",
        "encoding",
        utf8.decode().encode("utf-16-be"),
        "load",
        stored={text: word},
    )
    yield case("enc-invalid-utf8.csv", "encoding", utf8.replace("é".encode(), b"\xc3\x28"))
    yield case(
        "enc-mixed.csv",
        "encoding",
        utf8 + csv_bytes([row]).split(b"\n", 1)[1].decode().encode("cp1252"),
    )
    # Binary junk under a table's name.
    junk = {
        "random.csv": rng.randbytes(8192),
        "png.csv": b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048),
        "pdf.csv": b"%PDF-1.7\n" + rng.randbytes(2048),
        "gzip.csv": b"\x1f\x8b\x08\x00" + rng.randbytes(2048),
        "elf.csv": b"\x7fELF\x02\x01\x01" + rng.randbytes(2048),
        "zip-not-xlsx.xlsx": _plain_zip(),
        "ole-junk.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4096),
        "csv-named.xlsx": good,
        "xlsx-named.csv": workbooks.table_workbook([header, list(base.values())]),
        "duckdb.csv": b"\x00" * 8 + b"DUCK" + rng.randbytes(4096),
    }
    for name, data in junk.items():
        expect: Expect = "load" if name in ("xlsx-named.csv",) else "reject"
        if name == "csv-named.xlsx":
            expect = "either"
        yield case(f"junk-{name}", "binary", data, expect)
    # Numbers at the edges, in the kind's main number column.
    number = _number_column(kind)
    for name, (value, expect) in NUMBERS.items():
        if kind == Kind.outcomes and name in ("tiny", "huge"):  # a measurement is kept exactly
            yield case(
                f"number-{name}.csv",
                "numbers",
                _with(kind, number, value),
                "load",
                numbers={number: float(value)},
            )
            continue
        yield case(
            f"number-{name}.csv",
            "numbers",
            _with(kind, number, value),
            expect,
            where=(2, number) if expect == "reject" else None,
        )


def _plain_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def date_cases() -> Iterator[Case]:
    kind = Kind.programmes
    for name, value, expect in (
        ("year-zero", "0000-01-01", "reject"),
        ("far-future", "9999-12-31", "reject"),
        ("feb-30", "2023-02-30", "reject"),
        ("before-1900", "1899-12-31", "reject"),
        ("day-first-bad", "31/02/2023", "reject"),
        ("excel-serial", "45000", "either"),
        ("negative-year", "-2023-01-01", "reject"),
    ):
        data = _with(kind, "start_date", value)
        yield Case(f"programmes-date-{name}.csv", kind, "dates", data, expect, (2, "start_date"))  # type: ignore[arg-type]
    kind = Kind.outcomes
    for name, value in (
        ("zero", "0000"),
        ("q0", "2025-Q0"),
        ("month-13", "2025-13"),
        ("fy-back", "2021/19"),
    ):
        data = _with(kind, "period", value)
        yield Case(f"outcomes-period-{name}.csv", kind, "dates", data, "reject", (2, "period"))


def workbook_cases(kind: Kind, scale: float) -> Iterator[Case]:
    """Workbooks that lie about their size, bomb, hold formulas without values or junk XML."""
    base = base_row(kind)
    header, values = list(base), list(base.values())
    number = _number_column(kind)
    at = header.index(number) + 1
    ref = f"{workbooks.column_letters(at)}2"
    k = kind.value

    def wb(name: str, data: bytes, expect: Expect = "reject") -> Case:
        return Case(f"{k}-xlsx-{name}.xlsx", kind, "workbook", data, expect)

    yield wb("valid", workbooks.table_workbook([header, values]), "load")
    far = workbooks.cell("XFD1048576", "x")
    yield wb(
        "cell-at-xfd1048576",
        workbooks.workbook(
            workbooks.sheet_xml([header, values], extra=f'<row r="1048576">{far}</row>')
        ),
    )
    yield wb(
        "dimension-lies",
        workbooks.workbook(
            workbooks.sheet_xml(
                [header, values], "A1", f'<row r="1000000">{workbooks.cell("ZZ1000000", "x")}</row>'
            )
        ),
    )
    yield wb(
        "dimension-huge", workbooks.workbook(workbooks.sheet_xml([header, values], "A1:XFD1048576"))
    )
    sane = workbooks.table_workbook([header, values])
    yield wb("declares-4gb", workbooks.lying_sizes(sane, 0xFFFFFFF0))
    yield wb("declares-tiny", workbooks.lying_sizes(sane, 10))
    formula = f'<c r="{ref}"><f>1/0</f></c>'
    no_cached = [v if i != at - 1 else formula for i, v in enumerate(values)]
    yield wb("formula-no-value", workbooks.workbook(workbooks.sheet_xml([header, no_cached])))
    error = f'<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    with_error = [v if i != at - 1 else error for i, v in enumerate(values)]
    yield wb("formula-div0", workbooks.workbook(workbooks.sheet_xml([header, with_error])))
    text_formula = [
        v if i != at - 1 else f'<c r="{ref}" t="str"><f>A1</f><v>oops</v></c>'
        for i, v in enumerate(values)
    ]
    yield wb("formula-text-result", workbooks.workbook(workbooks.sheet_xml([header, text_formula])))
    yield wb("corrupt-xml", workbooks.workbook(workbooks.sheet_xml([header, values])[:-40]))
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "<sheetData>"
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + "</sheetData></worksheet>"
    )
    yield wb("billion-laughs", workbooks.workbook(laughs))
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
    )
    yield wb("external-entity", workbooks.workbook(xxe))
    shared = [
        v if i != at - 1 else f'<c r="{ref}" t="s"><v>999999</v></c>' for i, v in enumerate(values)
    ]
    yield wb("shared-string-missing", workbooks.workbook(workbooks.sheet_xml([header, shared])))
    yield wb(
        "no-sheets",
        workbooks.workbook(
            "",
            {
                "xl/workbook.xml": workbooks.WORKBOOK.replace(
                    '<sheet name="Data" sheetId="1" r:id="rId1"/>', ""
                )
            },
        ),
    )
    yield wb(
        "no-workbook-part",
        workbooks.workbook(workbooks.sheet_xml([header, values]), {"xl/workbook.xml": b""}),
    )
    yield wb("header-only", workbooks.table_workbook([header]))
    if kind == Kind.budget and scale >= BOMB_SCALE:  # a real bomb takes seconds to make
        unpacked = max(int(600 * 1024 * 1024 * min(scale, 1.0)), 520 * 1024 * 1024)
        yield wb("zip-bomb", workbooks.zip_bomb(header, unpacked))
        wide = max(int(16_384 * scale), 2_100)
        yield wb(
            "wide-sheet", workbooks.workbook(workbooks.sheet_xml([[f"c{i}" for i in range(wide)]]))
        )


def giant_cases(scale: float) -> Iterator[Case]:
    """Very wide and very long lines (scaled)."""
    columns_wide = int(100_000 * max(scale, 0.05))
    for kind in Kind:
        header = ";".join(base_row(kind))
        wide = ";".join(["x"] * columns_wide)
        yield Case(
            f"{kind}-100k-columns.csv", kind, "giant", f"{header}\n{wide}\n".encode(), "reject"
        )
    line_bytes = int(50 * 1024 * 1024 * scale)
    cells = ";".join(["1"] * (line_bytes // 2))
    yield Case("budget-50mb-line.csv", Kind.budget, "giant", cells.encode() + b"\n", "reject")
    one_cell = "9" * max(line_bytes // 10, 1 << 20)
    data = f"{';'.join(base_row(Kind.budget))}\n2025;{one_cell};;1;1;Eemsdal;EUR;\n".encode()
    yield Case("budget-giant-cell.csv", Kind.budget, "giant", data, "either")


def corpus(scale: float = 1.0) -> list[Case]:
    """The whole corpus, in a fixed order."""
    rng = random.Random(SEED)  # noqa: S311 (junk bytes, the same on every run)
    cases: list[Case] = list(contract_cases())
    for kind in Kind:
        cases.extend(generic_cases(kind, rng))
        cases.extend(workbook_cases(kind, scale))
    cases.extend(date_cases())
    cases.extend(giant_cases(scale))
    names = [c.name for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        msg = f"corpus names repeat: {sorted(duplicates)}"
        raise ValueError(msg)
    return cases


# The cases of issue 10 the quick sample always holds, besides a spread of every class.
NAMED = (
    "budget-xlsx-cell-at-xfd1048576.xlsx",
    "outcomes-xlsx-declares-4gb.xlsx",
    "budget-xlsx-formula-no-value.xlsx",
    "indicators-xlsx-formula-div0.xlsx",
    "programmes-xlsx-billion-laughs.xlsx",
    "outcomes-xlsx-corrupt-xml.xlsx",
    "budget-text-nul.csv",
    "outcomes-text-formula.csv",
    "indicators-text-image.csv",
    "programmes-enc-cp1252.csv",
    "budget-number-spaced-digits.csv",
    "outcomes-number-tiny.csv",
    "outcomes-number-huge.csv",
    "indicators-unterminated-quote-last.csv",
    "outcomes-header-only.csv",
    "indicators-junk-xlsx-named.csv",
    "budget-giant-cell.csv",
)


def sample(cases: list[Case], per_group: int = 2) -> list[Case]:
    """A representative subset: every kind's valid file, the ``NAMED`` cases, and
    ``per_group`` cases of each class spread over its members and kinds."""
    chosen = [c for c in cases if c.group == "control" or c.name in NAMED]
    for group in sorted({c.group for c in cases} - {"control"}):
        members = [c for c in cases if c.group == group and c not in chosen]
        step = max(1, len(members) // per_group)
        chosen += members[step // 2 :: step][:per_group]
    return chosen
