"""The real-export corpus (tests/realexports/): every folder's LOAD.sh loads its files, and the
loaded sums and row counts per municipality and year equal those worked out here from the raw
files with plain ``csv`` parsing (the legacy .xls through python-calamine's cells), not with
the loader.

The data files are not committed (see tests/realexports/README.md): each is looked for in its
corpus folder, then in ../shared/realexports/ and ../shared/realdata/. A folder whose files are
nowhere to be found is skipped with their names; its PROVENANCE.txt and LOAD.sh are checked all
the same.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from whatworks import store
from whatworks.cli import app

CORPUS = Path(__file__).resolve().parent / "realexports"
ROOT = CORPUS.parents[1]
SHARED = [
    Path(os.environ.get("WHATWORKS_SHARED", ROOT.parent / "shared")),
    ROOT.parents[1] / "shared",  # a worktree one level further down
]
FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
DATA_SUFFIXES = (".csv", ".xls", ".xlsx")

Sums = dict[tuple[str, int], tuple[Decimal | None, Decimal | None]]


@dataclass
class Expected:
    """What one database holds after a paragraph of LOAD.sh, worked out from the raw files."""

    budget: Sums = field(default_factory=dict)  # (municipality, year) -> (budgeted, actual)
    budget_rows: int = 0
    outcomes: tuple[int, float] | None = None  # rows, sum of value
    indicators: int | None = None


# ------------------------------------------------------------------------------- the corpus


def data_file(folder: str, name: str) -> Path | None:
    bases = [CORPUS / folder]
    for shared in SHARED:
        bases += [shared / "realexports" / folder, shared / "realdata" / folder]
    return next((base / name for base in bases if (base / name).is_file()), None)


def provenance(folder: str) -> str:
    return (CORPUS / folder / "PROVENANCE.txt").read_text(encoding="utf-8")


def listed_files(folder: str) -> list[str]:
    return re.findall(r"^FILE: (.+?)\s*$", provenance(folder), re.M)


def paragraphs(folder: str) -> list[list[list[str]]]:
    """LOAD.sh as databases (paragraphs) of commands, each command as its words."""
    text = (CORPUS / folder / "LOAD.sh").read_text(encoding="utf-8").replace("\\\n", " ")
    result: list[list[list[str]]] = [[]]
    for line in text.splitlines():
        if not line.strip():
            if result[-1]:
                result.append([])
        elif not line.lstrip().startswith("#"):
            result[-1].append(shlex.split(line))
    return [p for p in result if p]


def commands(folder: str) -> Iterator[list[str]]:
    for paragraph in paragraphs(folder):
        yield from paragraph


# ------------------------------------------------------------------ reading the raw files by hand


def number(text: str, decimal: str = ",") -> Decimal | None:
    """A cell as a number: spaces (thousands) out, the other separator out; '' and '-' none."""
    text = text.replace("\xa0", "").replace(" ", "").strip()
    if text in ("", "-", "."):
        return None
    thousands = "." if decimal == "," else ","
    return Decimal(text.replace(thousands, "").replace(decimal, "."))


def rows(path: Path, delimiter: str = ";", encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


class Tally:
    """Sums per (municipality, year) and amount, and the distinct keys of the loaded rows."""

    def __init__(self) -> None:
        self.sums: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(dict)
        self.keys: set[tuple[Any, ...]] = set()

    def add(
        self, municipality: str, year: int, amount: str, value: Decimal | None, *key: Any
    ) -> None:
        if value is None:
            return
        cell = self.sums[municipality, year]
        cell[amount] = cell.get(amount, Decimal(0)) + value
        self.keys.add((municipality, year, *key))

    def budget(self) -> Sums:
        return {k: (v.get("budgeted"), v.get("actual")) for k, v in self.sums.items()}

    def expected(self, **more: Any) -> Expected:
        return Expected(self.budget(), len(self.keys), **more)


def nl_iv3_cbs(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    for row in rows(path("2023_jaarrekening.csv")):
        lasten = number(row["Lasten"], ".")
        tally.add(row["Gemeenten"], 2023, "actual", lasten and lasten * 1000, row["Taakveld"])
    with path("GF_M2024_2025_Volumina.csv").open(encoding="utf-8", newline="") as handle:
        volumes = list(csv.DictReader(handle, delimiter="\t"))
    values = [
        float(v.replace(",", "."))
        for r in volumes
        for k, v in r.items()
        if k not in ("CBS", "Naam", "Prov") and v
    ]
    return [tally.expected(outcomes=(len(values), sum(values)))]


def _bergen_operating(path: Path, years: tuple[str, ...], tally: Tally) -> None:
    for row in rows(path):
        if row["inntekt-utgift"] != "Utgift" or row["tjomr"] == "21":
            continue
        for year in years:
            tally.add(
                "Bergen", int(year), "budgeted", number(row[year]), row["tjenesteomraade-tekst"]
            )


def no_datahotellet(path: Callable[[str], Path]) -> list[Expected]:
    operating = Tally()  # 2012 from the first file; 2013-2016 from the next year's, which replaces
    _bergen_operating(path("bergen_driftsbudsjett_2012.csv"), ("2012",), operating)
    _bergen_operating(
        path("bergen_driftsbudsjett_2013.csv"), ("2013", "2014", "2015", "2016"), operating
    )
    investment = Tally()
    for row in rows(path("bergen_investeringsbudsjett_2012.csv")):
        if row["sumart1"] == "1":
            for year in ("2012", "2013", "2014", "2015"):
                investment.add(
                    "Bergen", int(year), "budgeted", number(row[year]), row["tjenesteomraade-tekst"]
                )
    return [operating.expected(), investment.expected()]


def de_nrw_itnrw(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    lines = (
        path("finanzrechnungsstatistik-ausgaben-2010.csv")
        .read_text(encoding="latin-1")
        .splitlines()
    )
    for line in lines[8:]:
        cells = line.split(";")
        if len(cells) != 5 or not cells[0].isdigit() or cells[2] == "999":  # 999: 'Summe aller …'
            continue
        tally.add(cells[0], 2010, "actual", number(cells[4]), cells[2])
    sheet = CalamineWorkbook.from_path(str(path("Zensus Einwohnerzahlen.xls"))).get_sheet_by_name(
        "Gemeinden_31.12.2011_Vergleich"
    )
    population = [r[4] for r in sheet.to_python()[8:] if str(r[2]).strip()]
    assert all(isinstance(p, (int, float)) for p in population)
    return [tally.expected(outcomes=(len(population), float(sum(population))))]


def uk_wales_spend_outcomes(path: Callable[[str], Path]) -> list[Expected]:
    with path("matrix.csv").open(encoding="utf-8", newline="") as handle:
        matrix = list(csv.DictReader(handle))
    outcomes = {
        (r["Authority_ItemName_ENG"], r["Dataitem_ItemName_ENG"], r["final_year"]): float(
            r["final_value"]
        )
        for r in matrix
    }
    spot = rows(path("spot_indicator_mapping_table.csv"), ",", "cp1252")
    indicators = {r["id"] for r in spot if r["type"] == "Outcome"}
    return [Expected(outcomes=(len(outcomes), sum(outcomes.values())), indicators=len(indicators))]


def _norwegian_split(
    name: str, below: int, key: tuple[str, ...], path: Callable[[str], Path], place: str
) -> Expected:
    """Accounts 2011 beside budgets 2012 and 2013: two loads, expenditure accounts only."""
    tally = Tally()
    for row in rows(path(name)):
        if int(row["konto"]) >= below:
            continue
        ids = tuple(row[k] for k in key)
        tally.add(place, 2011, "actual", number(row["rekneskap_2011"]), *ids)
        tally.add(place, 2012, "budgeted", number(row["budsjett_2012"]), *ids)
        tally.add(place, 2013, "budgeted", number(row["budsjett_2013"]), *ids)
    return tally.expected()


def no_sogndal_budsjett(path: Callable[[str], Path]) -> list[Expected]:
    return [
        _norwegian_split(
            "sogndal_driftsbudsjett_2013.csv", 15000, ("tjeneste_tekst",), path, "Sogndal"
        )
    ]


def no_forde_investering(path: Callable[[str], Path]) -> list[Expected]:
    key = ("teneste_tekst", "prosjekt_tekst")
    return [_norwegian_split("forde_investeringsbudsjett_2013.csv", 5000, key, path, "Førde")]


def no_sauda_investering(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    for row in rows(path("sauda_investeringsbudsjett_2013.csv")):
        if int(row["funksjonsomrade"]) < 800:
            tally.add(
                "Sauda",
                2013,
                "budgeted",
                number(row["nok"]),
                row["funksjonaomrade_tekst"],
                row["tiltak"],
            )
    return [tally.expected()]


def no_stavanger_drift(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    with path("stavanger_driftsbudsjett_2016.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        for cells in reader:  # 347 lines have two cells more than the header: not read
            row = dict(zip(header, cells, strict=False))
            if int(row["art"]) < 15000:
                key = (row["virksomhetsomraade"], row["tjeneste_tekst"])
                tally.add("Stavanger", 2016, "budgeted", number(row["beloep"]), *key)
    return [tally.expected()]


def nl_rijksbegroting(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    with path("begrotingsstaten_origineel.csv").open(encoding="cp1252", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for cells in reader:
            if (
                len(cells) < 12
                or cells[3] != "U"
                or not cells[0].isdigit()
                or int(cells[0]) >= 2016
            ):
                continue
            if any(c.strip().casefold() == "totaal" for c in cells):  # subtotal rows
                continue
            year, key = int(cells[0]), (reader.line_num,)  # no --sum: a row per line
            budgeted, actual = number(cells[8]), number(cells[11])
            tally.add("Rijksoverheid", year, "budgeted", budgeted and budgeted * 1000, *key)
            tally.add("Rijksoverheid", year, "actual", actual and actual * 1000, *key)
    return [tally.expected()]


def de_moers_haushalt(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    for row in rows(path("moers_haushalt_2015_2017.csv"), encoding="cp1252"):
        if row["Art"] != "2":
            continue
        programme = row["Profitcenter-Bezeichnung"].strip()
        for column in ("Ist 2015", "Ist 2016", "Plan 2016", "Plan 2017"):
            amount = "actual" if column.startswith("Ist") else "budgeted"
            tally.add("Moers", int(column[-4:]), amount, number(row[column]), programme)
    return [tally.expected()]


def de_freiburg_haushalt(path: Callable[[str], Path]) -> list[Expected]:
    tally = Tally()
    for row in rows(path("freiburg_ergebnishaushalt_2017_2018.csv"), encoding="cp1252"):
        key = (row["Produktbereich Bezeichnung"], row["Produktbezeichnung"])
        spend = number(row["Ergebnis 2015 (Aufwendungen)"])
        tally.add("Freiburg", 2015, "actual", spend and -spend, *key)
        for year in (2016, 2017, 2018):
            spend = number(row[f"Ansatz {year} (Aufwendungen)"])
            tally.add("Freiburg", year, "budgeted", spend and -spend, *key)
    return [tally.expected()]


EXPECTED: dict[str, Callable[[Callable[[str], Path]], list[Expected]]] = {
    "nl_iv3_cbs": nl_iv3_cbs,
    "no_datahotellet": no_datahotellet,
    "de_nrw_itnrw": de_nrw_itnrw,
    "uk_wales_spend_outcomes": uk_wales_spend_outcomes,
    "no_sogndal_budsjett": no_sogndal_budsjett,
    "no_forde_investering": no_forde_investering,
    "no_sauda_investering": no_sauda_investering,
    "no_stavanger_drift": no_stavanger_drift,
    "nl_rijksbegroting": nl_rijksbegroting,
    "de_moers_haushalt": de_moers_haushalt,
    "de_freiburg_haushalt": de_freiburg_haushalt,
}


# ---------------------------------------------------------------------------------- the tests


def test_every_folder_says_where_its_files_come_from_and_how_they_load() -> None:
    assert set(FOLDERS) == set(EXPECTED), "every corpus folder needs its independent check"
    for folder in FOLDERS:
        text = provenance(folder)
        for label in ("SOURCE", "PUBLISHER", "LICENCE"):
            assert re.search(rf"^{label}: \S", text, re.M), f"{folder}: no {label}"
        assert re.search(r"^RETRIEVED: .*\d{4}-\d{2}-\d{2}", text, re.M), f"{folder}: no date"
        files = listed_files(folder)
        assert files, f"{folder}: no FILE"
        loaded = {words[3] for words in commands(folder)}
        assert loaded == set(files), f"{folder}: every FILE has a load command, and only those"
        for words in commands(folder):
            assert words[:2] == ["$W", "load"], words
            assert words[2] in ("budget", "programmes", "outcomes", "indicators"), words
        here = {p.name for p in (CORPUS / folder).iterdir() if p.suffix in DATA_SUFFIXES}
        assert here <= set(files), f"{folder}: a data file without a FILE entry"


def test_the_corpus_has_twelve_files_or_more_from_four_countries() -> None:
    files = [(folder, name) for folder in FOLDERS for name in listed_files(folder)]
    assert len(files) >= 12
    assert {folder[:2] for folder in FOLDERS} >= {"nl", "no", "de", "uk"}


def _loaded(db: Path) -> Expected:
    with store.reader(db) as con:
        budget = con.execute(
            "SELECT municipality, year, sum(budgeted), sum(actual) FROM budget GROUP BY ALL"
        ).fetchall()
        [(budget_rows,)] = con.execute("SELECT count(*) FROM budget").fetchall()
        [(outcome_rows, total)] = con.execute(
            "SELECT count(*), sum(value) FROM outcomes"
        ).fetchall()
        [(indicators,)] = con.execute("SELECT count(*) FROM indicators").fetchall()
    return Expected(
        {(m, y): (b, a) for m, y, b, a in budget},
        budget_rows,
        (outcome_rows, total or 0.0) if outcome_rows else None,
        indicators or None,
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_file_loads_with_the_sums_of_the_raw_file(folder: str, tmp_path: Path) -> None:
    missing = [name for name in listed_files(folder) if data_file(folder, name) is None]
    if missing:
        pytest.skip(f"{folder}: {', '.join(missing)} not in the corpus folder nor ../shared/")

    def path(name: str) -> Path:
        found = data_file(folder, name)
        assert found is not None
        return found

    expected = EXPECTED[folder](path)
    databases = paragraphs(folder)
    assert len(expected) == len(databases)
    for n, (paragraph, want) in enumerate(zip(databases, expected, strict=True)):
        db = tmp_path / f"db{n}" / "whatworks.duckdb"
        for words in paragraph:
            args = [*words[1:3], str(path(words[3])), *words[4:], "--json", "--db", str(db)]
            result = CliRunner().invoke(app, args)
            report = json.loads(result.stdout)
            assert result.exit_code == 0, [e["message"] for e in report["errors"][:5]]
        got = _loaded(db)
        assert got.budget == want.budget
        assert got.budget_rows == want.budget_rows
        if want.outcomes is None:
            assert got.outcomes is None
        else:
            assert got.outcomes is not None
            assert got.outcomes[0] == want.outcomes[0]
            assert got.outcomes[1] == pytest.approx(want.outcomes[1], rel=1e-12)
        assert got.indicators == want.indicators
