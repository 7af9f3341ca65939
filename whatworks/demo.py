"""The demo municipality: a deterministic generator of the files under ``data/demo/``.

Eemsdal (fictional, about 95,000 inhabitants) and four fictional peers, 2020-2025. The
register holds 44 interventions in ten programmes; each measured intervention is designed
to land in one effect class by one method of docs/effects.md (randomised, difference in
differences, comparison after the start, peers, before/after), so every view has something
to show. ``Intervention.effect`` and ``Intervention.design`` state the intent;
``tests/test_demo.py`` loads the written files and checks that the analytics give it.

The files are written the way municipalities export them: the budget as a Dutch
spreadsheet export (``;``, decimal comma, ``1.234.567,89``, Dutch column names), the
register with ``dd-mm-yyyy`` dates, outcomes and indicators as plain ``,`` CSV with a
decimal point. Everything follows from the seed: run ``python -m whatworks.demo`` to
regenerate the committed files.

The committed files are the reference set with English names (country ``en``, the one the
test suite is written against). ``generate(..., country="nl"|"dk"|"no")`` writes the same
municipality as a Dutch gemeente, a Danish kommune or a Norwegian kommune: names, units,
codes, currency and the budget export's header in that country's language and format
(:mod:`whatworks.demo_countries`); ``whatworks demo`` builds ``nl`` unless told otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from models import Kind, columns
from whatworks.analytics.effects import EffectClass
from whatworks.demo_countries import (
    BUDGET_HEADER,
    COUNTRIES,
    EDUCATION,
    ELDERLY,
    HEALTH,
    HOUSING,
    INTEGRATION,
    POVERTY,
    SAFETY,
    SUPPORT,
    WORK,
    YOUTH,
    Country,
)

HOME_MUNICIPALITY = "Eemsdal"
PEERS = ("Brakelveen", "Heuvelrade", "Lindenwoude", "Zuidervaart")
CURRENCY = "EUR"
YEARS: tuple[int, ...] = tuple(range(2020, 2026))
DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
DEMO_FILES: tuple[tuple[str, str], ...] = (
    ("indicators", "indicators.csv"),
    ("programmes", "programmes.csv"),
    ("budget", "budget.csv"),
    ("outcomes", "outcomes.csv"),
)

# How a series is made: against a comparison group, against its own past, or a
# municipality-wide change that only the peer municipalities can be compared with.
Making = Literal["comparison", "before_after", "peers"]
Uncertainty = Literal["ci", "n", "none"]

Z95 = 1.96
# The effect reached in the year an intervention starts, as a share of its full effect.
START_YEAR_RAMP = 0.25


@dataclass(frozen=True)
class Indicator:
    """One indicator: the metadata row, and for the benchmark indicators their levels."""

    name: str
    unit: str
    higher_is_better: bool | None
    description: str
    value_per_unit: Decimal | None = None
    # (benefit years, persistence) where the benefit lasts beyond the year.
    horizon: tuple[int, float] | None = None


# The plausible range of a value per unit, as a share of it (the simulation varies it).
VALUE_RANGE = (Decimal("0.6"), Decimal("1.4"))


@dataclass(frozen=True)
class Design:
    """How an intervention's outcome series is made, in the indicator's unit.

    ``level`` is the value without the intervention (the comparison group, or the value
    before the start); ``delta`` is value minus that level once the intervention works in
    full. ``spread`` is the confidence half-width (``uncertainty == "ci"``) or the typical
    n (``"n"``); the comparison group's figures carry the same kind of uncertainty. With
    ``baseline_column`` the rows carry the baseline; otherwise before/after uses the values
    from before the start. ``before`` gives comparison values before the start too
    (difference-in-differences); ``randomised`` marks the comparison group as drawn by lot.
    ``peers``: no rows of its own; the home municipality's figure on a benchmark indicator
    moves by ``delta`` from the start year on.
    """

    making: Making
    level: float
    delta: float
    uncertainty: Uncertainty
    spread: float = 0.0
    baseline_column: bool = False
    target: float | None = None
    before: bool = False
    randomised: bool = False

    @property
    def method(self) -> str:
        """The method of docs/effects.md the figure is designed to come from."""
        if self.making == "peers":
            return "peers_diff_in_diff"
        if self.making == "before_after":
            return "before_after"
        if self.randomised:
            return "randomised"
        return "diff_in_diff" if self.before else "comparison_after"


@dataclass(frozen=True)
class Intervention:
    """One register row, its full-year budget (2025 prices) and its intended effect."""

    intervention_id: str
    name: str
    programme: str
    stage: str
    evidence_level: str
    start: dt.date | None
    end: dt.date | None
    indicator: str | None
    participants: int | None
    annual_budget: int
    effect: EffectClass
    description: str
    design: Design | None = None
    prior: tuple[float, float] | None = None  # expected effect and its standard error

    @property
    def method(self) -> str:
        """The method the effect figure is designed to come from (docs/effects.md)."""
        return self.design.method if self.design else "none"


# Programme -> (Iv3 taakveld code, owner, unattributed spend per year in 2025 prices).
PROGRAMMES: dict[str, tuple[str, str, int]] = {
    YOUTH: ("6.72", "Team Jeugd & Gezin", 2_400_000),
    WORK: ("6.5", "Werkplein Eemsdal", 1_900_000),
    SUPPORT: ("6.6", "Sociaal Team Eemsdal", 1_600_000),
    HOUSING: ("6.82", "Team Wonen & Opvang", 800_000),
    HEALTH: ("7.1", "GGD Eemsdal-Noord", 2_600_000),
    EDUCATION: ("4.3", "Team Onderwijs", 1_100_000),
    POVERTY: ("6.3", "Schuldhulpverlening Eemsdal", 1_300_000),
    SAFETY: ("1.2", "Team Openbare Orde & Veiligheid", 1_000_000),
    ELDERLY: ("6.71", "Team Ouderen", 700_000),
    INTEGRATION: ("6.1", "Team Inburgering", 500_000),
}

_PCT = "%"
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "population",
        "inhabitants",
        None,
        "Inhabitants on 1 January; the denominator of every per-inhabitant figure.",
    ),
    Indicator(
        "unemployment_rate",
        _PCT,
        False,
        "Registered unemployment, % of the labour force (municipality level).",
    ),
    Indicator(
        "households_in_poverty",
        _PCT,
        False,
        "Households with an income below the low-income threshold, % (municipality level).",
    ),
    Indicator(
        "youth_care_use_rate",
        _PCT,
        False,
        "Young people aged 0-17 with any youth care, % (municipality level).",
    ),
    Indicator(
        "early_school_leavers_rate",
        _PCT,
        False,
        "Pupils leaving school without a basic qualification, % (municipality level).",
    ),
    Indicator(
        "youth_care_rereferral_rate",
        _PCT,
        False,
        "Families re-referred to specialist youth care within 12 months, % of participants. "
        "Value per unit: one percentage point for one participant (1/100 of an avoided "
        "re-referral, about EUR 30,000).",
        Decimal("300.00"),
        (3, 0.8),
    ),
    Indicator(
        "out_of_home_placement_rate",
        _PCT,
        False,
        "Young people placed out of home within 12 months, % of participants. Value per unit: "
        "one percentage point for one participant (an avoided placement is about EUR 150,000).",
        Decimal("1500.00"),
        (5, 0.8),
    ),
    Indicator(
        "specialist_referral_rate",
        _PCT,
        False,
        "Young people referred on to specialist mental health care, % of those seen.",
        Decimal("80.00"),
    ),
    Indicator(
        "paid_work_rate",
        _PCT,
        True,
        "Participants in paid work 12 months after intake, %. Value per unit: one percentage "
        "point for one participant (a year of benefit saved plus taxes, about EUR 35,000).",
        Decimal("350.00"),
        (5, 0.75),
    ),
    Indicator(
        "homelessness_days",
        "days",
        False,
        "Days homeless or in shelter per participant per year. Value per unit: one night of "
        "shelter and related care.",
        Decimal("180.00"),
        (2, 0.5),
    ),
    Indicator(
        "tenancy_sustainment_rate",
        _PCT,
        True,
        "Households still in their home 12 months after the first signal, %.",
        Decimal("200.00"),
    ),
    Indicator(
        "debt_resolved_rate",
        _PCT,
        True,
        "Households with problem debts resolved or stable after 18 months, %.",
        Decimal("150.00"),
        (3, 0.8),
    ),
    Indicator(
        "carer_overload_rate",
        _PCT,
        False,
        "Informal carers who report being (heavily) overburdened, %.",
    ),
    Indicator(
        "loneliness_rate",
        _PCT,
        False,
        "Participants who report severe loneliness (De Jong Gierveld scale), %.",
    ),
    Indicator(
        "child_overweight_rate",
        _PCT,
        False,
        "Primary-school children with overweight or obesity, %.",
        Decimal("40.00"),
    ),
    Indicator(
        "language_delay_rate",
        _PCT,
        False,
        "Toddlers with a language delay when they start school, %.",
        Decimal("250.00"),
    ),
    Indicator(
        "school_dropout_rate",
        _PCT,
        False,
        "Participants who leave school without a basic qualification, %. Value per unit: one "
        "percentage point for one participant (an avoided dropout is about EUR 100,000).",
        Decimal("1000.00"),
    ),
    Indicator(
        "school_absence_days",
        "days",
        False,
        "Days of unauthorised school absence per pupil per school year.",
        Decimal("45.00"),
    ),
    Indicator(
        "fall_incident_rate",
        _PCT,
        False,
        "Participants with a fall that needed medical care in the past year, %.",
        Decimal("120.00"),
    ),
    Indicator(
        "youth_reoffending_rate",
        _PCT,
        False,
        "Young people with a new police record within 12 months, %.",
        Decimal("400.00"),
    ),
    Indicator(
        "language_b1_rate",
        _PCT,
        True,
        "Status holders who reach Dutch at level B1 within three years, %.",
        Decimal("100.00"),
    ),
    Indicator(
        "smoking_in_pregnancy_rate",
        _PCT,
        False,
        "Pregnant women who smoke, %.",
    ),
    Indicator(
        "wellbeing_score",
        "score (1-10)",
        True,
        "Self-reported wellbeing of participants, 1-10.",
    ),
    Indicator(
        "self_reliance_score",
        "score (1-5)",
        True,
        "Self-reliance matrix (ZRM) score of clients, 1-5.",
    ),
)

# The municipality-level indicators that home and peers report (benchmark), with a level
# per municipality (home first, then PEERS), a shift per year, and the noise.
BENCHMARK_LEVELS: dict[str, tuple[tuple[float, ...], tuple[float, ...], float]] = {
    "unemployment_rate": (
        (4.4, 3.6, 4.9, 5.6, 3.9),
        (0.6, 0.3, -0.3, -0.3, -0.1, 0.0),
        0.15,
    ),
    "households_in_poverty": (
        (7.2, 5.9, 8.1, 9.4, 6.3),
        (0.2, 0.0, -0.2, 0.4, 0.2, 0.0),
        0.2,
    ),
    "youth_care_use_rate": (
        (12.8, 11.5, 13.9, 14.6, 12.1),
        (0.0, 0.2, 0.4, 0.6, 0.6, 0.5),
        0.2,
    ),
    "early_school_leavers_rate": (
        (2.1, 1.8, 2.4, 2.9, 1.9),
        (0.1, 0.05, 0.0, -0.05, -0.1, -0.1),
        0.1,
    ),
}

# Inhabitants on 1 January 2020 (home first, then PEERS) and yearly growth.
POPULATION_2020: tuple[int, ...] = (93_412, 61_180, 78_905, 118_260, 143_870)
POPULATION_GROWTH: tuple[float, ...] = (0.0045, 0.0010, 0.0030, 0.0060, 0.0050)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _iv(
    intervention_id: str,
    name: str,
    programme: str,
    stage: str,
    evidence_level: str,
    dates: tuple[str, str],
    indicator: str,
    participants: int,
    annual_budget: int,
    effect: EffectClass,
    description: str,
    design: Design | None = None,
    prior: tuple[float, float] | None = None,
) -> Intervention:
    """A register row written compactly: empty strings and 0 participants mean absent."""
    start, end = dates
    return Intervention(
        intervention_id=intervention_id,
        name=name,
        programme=programme,
        stage=stage,
        evidence_level=evidence_level,
        start=_date(start) if start else None,
        end=_date(end) if end else None,
        indicator=indicator or None,
        participants=participants or None,
        annual_budget=annual_budget,
        effect=effect,
        description=description,
        design=design,
        prior=prior,
    )


# fmt: off
INTERVENTIONS: tuple[Intervention, ...] = (
    _iv(
        "YC-01", "Family coaching at home", YOUTH, "standard", "effective",
        ("2020-03-01", ""), "youth_care_rereferral_rate", 320, 1_200_000, "works",
        "Intensive coaching of families at home, 6-12 months, to prevent specialist care.",
        Design("comparison", 24.0, -7.0, "ci", 2.5, target=15.0),
    ),
    _iv(
        "YC-02", "Multisystemic therapy (MST) for adolescents", YOUTH, "scaling", "strong",
        ("2021-09-01", ""), "out_of_home_placement_rate", 60, 900_000, "works",
        "Therapists work with the young person, family, school and friends, 24/7 on call.",
        Design("comparison", 32.0, -10.0, "ci", 4.0),
    ),
    _iv(
        "YC-03", "Youth mental health worker at the GP practice", YOUTH, "standard",
        "indicative", ("2021-01-15", ""), "specialist_referral_rate", 420, 650_000,
        "improved_cause_unknown",
        "A youth mental health worker in every GP practice; short help close to home.",
        Design("before_after", 55.0, -15.0, "n", 400),
    ),
    _iv(
        "YC-04", "Online parenting course", YOUTH, "pilot", "theory",
        ("2024-02-01", ""), "youth_care_rereferral_rate", 150, 120_000, "inconclusive",
        "Six online sessions on parenting, with a chat line for questions.",
        Design("before_after", 23.0, -0.5, "ci", 6.0),
    ),
    _iv(
        "YC-05", "Residential youth care", YOUTH, "standard", "described",
        ("2015-01-01", ""), "wellbeing_score", 85, 4_800_000, "not_measured",
        "Specialist residential care, purchased from regional providers.",
    ),
    _iv(
        "WP-01", "Job coaching for young people", WORK, "scaling", "effective",
        ("2021-04-01", ""), "paid_work_rate", 150, 650_000, "works",
        "A job coach for 18-27 year olds without work or school, up to a year in the job.",
        Design("comparison", 28.0, 10.0, "ci", 4.0, target=40.0),
        prior=(8.0, 4.0),
    ),
    _iv(
        "WP-02", "Individual Placement and Support (IPS)", WORK, "standard", "strong",
        ("2020-06-01", ""), "paid_work_rate", 120, 480_000, "works",
        "Place first, then train: paid work for people with severe mental illness.",
        Design("comparison", 22.0, 14.0, "n", 120, randomised=True),
    ),
    _iv(
        "WP-03", "Work experience placements", WORK, "standard", "described",
        ("2018-01-01", ""), "paid_work_rate", 300, 3_200_000, "inconclusive",
        "Unpaid placements with local employers, with a benefit top-up.",
        Design("comparison", 18.0, 0.4, "ci", 5.0),
    ),
    _iv(
        "WP-04", "Re-assessment interviews for long-term benefit recipients", WORK, "stopped",
        "described", ("2019-01-01", "2023-06-30"), "paid_work_rate", 900, 380_000,
        "inconclusive",
        "Yearly interview on duties and chances; stopped in 2023 after the evaluation.",
        Design("before_after", 9.0, 0.6, "ci", 3.0, baseline_column=True),
    ),
    _iv(
        "WP-05", "Basic skills for work (language and digital)", WORK, "idea", "none",
        ("", ""), "", 0, 0, "not_measured",
        "Proposal: a basic-skills course as the first step of every route to work.",
    ),
    _iv(
        "WP-06", "Social enterprise wage subsidy", WORK, "standard", "none",
        ("2019-01-01", ""), "", 110, 1_500_000, "not_measured",
        'Wage cost subsidy for social enterprises that hire people "at a distance" from work.',
    ),
    _iv(
        "WP-07", "Municipality-wide work offensive", WORK, "pilot", "indicative",
        ("2023-01-01", ""), "unemployment_rate", 1500, 900_000, "works",
        "Employer visits, a jobs desk in every district and a guarantee of a first interview.",
        Design("peers", 0.0, -0.8, "none"),
    ),
    _iv(
        "SS-01", "Household help (Wmo)", SUPPORT, "standard", "described",
        ("2015-01-01", ""), "self_reliance_score", 1400, 4_600_000, "not_measured",
        "Help with cleaning and running the household for residents who cannot manage.",
    ),
    _iv(
        "SS-02", "Respite care for informal carers", SUPPORT, "standard", "indicative",
        ("2020-01-01", ""), "carer_overload_rate", 260, 520_000, "improved_cause_unknown",
        "Volunteers and day places take over care, so that carers can rest.",
        Design("before_after", 38.0, -9.0, "none", baseline_column=True, target=30.0),
    ),
    _iv(
        "SS-03", "Neighbourhood social teams", SUPPORT, "standard", "theory",
        ("2016-01-01", ""), "", 5200, 2_900_000, "not_measured",
        "One team per district for questions on care, work, money and housing.",
    ),
    _iv(
        "SS-04", "Digital self-referral portal", SUPPORT, "stopped", "none",
        ("2021-01-01", "2022-12-31"), "", 0, 180_000, "not_measured",
        "Online application for Wmo support; replaced by the regional portal.",
    ),
    _iv(
        "HH-01", "Housing First", HOUSING, "scaling", "strong",
        ("2021-05-01", ""), "homelessness_days", 60, 1_000_000, "works",
        "A home first, without conditions, with intensive support at home.",
        Design("comparison", 140.0, -75.0, "ci", 25.0, target=30.0),
    ),
    _iv(
        "HH-02", "Eviction prevention for rent arrears", HOUSING, "standard", "effective",
        ("2020-09-01", ""), "tenancy_sustainment_rate", 320, 600_000, "improved_cause_unknown",
        "Housing associations signal two months of arrears; a coach visits within a week.",
        Design("before_after", 71.0, 15.0, "n", 320, baseline_column=True),
    ),
    _iv(
        "HH-03", "Night shelter", HOUSING, "standard", "described",
        ("2012-01-01", ""), "homelessness_days", 180, 2_100_000, "inconclusive",
        "Emergency beds, meals and showers; 40 places, open every night.",
        Design("before_after", 150.0, -3.0, "ci", 20.0, baseline_column=True),
    ),
    _iv(
        "HH-04", "Supported rooms for young people leaving care", HOUSING, "pilot",
        "indicative", ("2025-10-01", ""), "tenancy_sustainment_rate", 20, 240_000,
        "too_early",
        "Rooms with a mentor for 18-23 year olds leaving youth care.",
    ),
    _iv(
        "PH-01", "Healthy school approach (JOGG)", HEALTH, "standard", "indicative",
        ("2019-01-01", ""), "child_overweight_rate", 2400, 450_000, "inconclusive",
        "Water instead of soft drinks, daily exercise and healthy canteens at primary schools.",
        Design("comparison", 14.0, -0.2, "n", 900),
    ),
    _iv(
        "PH-02", "Home visits against loneliness for over-75s", HEALTH, "pilot", "theory",
        ("2023-03-01", ""), "loneliness_rate", 200, 160_000, "works",
        "Trained volunteers visit isolated older residents, every week for six months.",
        Design("comparison", 48.0, -12.0, "ci", 5.0, before=True),
    ),
    _iv(
        "PH-03", "Smoking cessation support during pregnancy", HEALTH, "idea", "effective",
        ("", ""), "smoking_in_pregnancy_rate", 0, 0, "not_measured",
        "Proposal: midwives refer to a coach; vouchers for every month smoke-free.",
    ),
    _iv(
        "PH-04", "Mental health first aid courses", HEALTH, "pilot", "described",
        ("2024-04-01", ""), "wellbeing_score", 300, 90_000, "not_measured",
        "A two-day course for residents, teachers and sports coaches.",
    ),
    _iv(
        "ED-01", "Early childhood education (VVE)", EDUCATION, "standard", "strong",
        ("2015-01-01", ""), "language_delay_rate", 600, 2_200_000, "works",
        "Sixteen hours a week of pre-school education for toddlers at risk of delays.",
        Design("comparison", 26.0, -6.0, "ci", 2.0),
    ),
    _iv(
        "ED-02", "Dropout prevention coaching", EDUCATION, "scaling", "effective",
        ("2020-08-15", ""), "school_dropout_rate", 400, 700_000, "works",
        "A coach for pupils with high absence, working with school, parents and attendance "
        "officers.",
        Design("comparison", 9.0, -4.0, "n", 600, target=4.0),
    ),
    _iv(
        "ED-03", "Homework support in community centres", EDUCATION, "standard", "described",
        ("2019-01-01", ""), "school_absence_days", 350, 380_000, "inconclusive",
        "Volunteers help pupils with homework, four afternoons a week.",
        Design("comparison", 11.0, 0.2, "ci", 3.0),
    ),
    _iv(
        "ED-04", "Summer school for pupils moving to secondary school", EDUCATION, "stopped",
        "indicative", ("2022-06-01", "2024-08-31"), "school_dropout_rate", 90, 110_000,
        "not_measured",
        "Three weeks of lessons and activities in the summer holiday; ended with its grant.",
    ),
    _iv(
        "PD-01", "Debt counselling fast track", POVERTY, "scaling", "effective",
        ("2022-01-10", ""), "debt_resolved_rate", 280, 900_000, "improved_cause_unknown",
        "First talk within three days, stabilisation within a month, one contact person.",
        Design("before_after", 35.0, 17.0, "ci", 6.0, baseline_column=True, target=50.0),
    ),
    _iv(
        "PD-02", "Early warning on payment arrears", POVERTY, "standard", "indicative",
        ("2021-01-01", ""), "debt_resolved_rate", 250, 420_000, "inconclusive",
        "Energy, water and housing companies report arrears; the municipality offers help.",
        Design("comparison", 40.0, 0.5, "n", 250),
    ),
    _iv(
        "PD-03", "Children's participation package", POVERTY, "standard", "none",
        ("2018-01-01", ""), "", 2100, 1_300_000, "not_measured",
        "Sports, music, school trips and a bicycle for children in low-income families.",
    ),
    _iv(
        "PD-04", "Money management course for young adults", POVERTY, "pilot", "described",
        ("2025-11-01", ""), "debt_resolved_rate", 40, 150_000, "too_early",
        "Four evenings on budgeting, contracts and debts for 18-25 year olds.",
    ),
    _iv(
        "PD-05", "Trust-based benefit experiment", POVERTY, "stopped", "theory",
        ("2019-10-01", "2021-12-31"), "paid_work_rate", 200, 350_000, "inconclusive",
        "Fewer obligations and extra earnings allowed for benefit recipients; an experiment.",
        Design("comparison", 12.0, 0.8, "ci", 4.0),
    ),
    _iv(
        "SF-01", "Prison visits to deter young offenders (Scared Straight)", SAFETY, "pilot",
        "described", ("2022-09-01", ""), "youth_reoffending_rate", 40, 180_000, "harmful",
        "Young first offenders visit a prison and meet inmates, meant to deter them.",
        Design("comparison", 24.0, 9.0, "ci", 4.0),
    ),
    _iv(
        "SF-02", "Youth street outreach workers", SAFETY, "standard", "described",
        ("2017-01-01", ""), "youth_reoffending_rate", 250, 850_000, "not_measured",
        "Outreach workers on the street in the evenings, in three districts.",
    ),
    _iv(
        "SF-03", "Neighbourhood camera surveillance", SAFETY, "standard", "theory",
        ("2019-01-01", ""), "", 0, 400_000, "not_measured",
        "Cameras in the town centre and at the station, watched live at weekends.",
    ),
    _iv(
        "SF-04", "Person-centred approach for repeat young offenders", SAFETY, "idea",
        "indicative", ("", ""), "youth_reoffending_rate", 0, 0, "not_measured",
        "Proposal: one case manager per repeat offender, with police and youth care.",
    ),
    _iv(
        "EC-01", "Fall prevention training for over-65s", ELDERLY, "scaling", "effective",
        ("2022-03-01", ""), "fall_incident_rate", 350, 250_000, "works",
        "A twelve-week group training in balance and strength, after a fall-risk check.",
        Design("comparison", 30.0, -8.0, "ci", 3.5, before=True),
        prior=(5.0, 2.5),
    ),
    _iv(
        "EC-02", "Day care for people with dementia", ELDERLY, "standard", "described",
        ("2016-01-01", ""), "carer_overload_rate", 140, 1_700_000, "not_measured",
        "Day care three days a week, with transport, at four locations.",
    ),
    _iv(
        "EC-03", "Preventive home visits for over-75s", ELDERLY, "stopped", "theory",
        ("2019-01-01", "2022-06-30"), "loneliness_rate", 500, 210_000, "not_measured",
        "A visit to every resident turning 75; replaced by the loneliness pilot.",
    ),
    _iv(
        "EC-04", "Telecare and sensors at home", ELDERLY, "pilot", "theory",
        ("2024-01-15", ""), "fall_incident_rate", 120, 200_000, "inconclusive",
        "Fall sensors and an alarm button, with a 24-hour response team.",
        Design("before_after", 29.0, -1.0, "ci", 5.0),
    ),
    _iv(
        "IN-01", "Dual-track language and work programme for status holders", INTEGRATION,
        "scaling", "indicative", ("2022-02-01", ""), "language_b1_rate", 180, 1_400_000,
        "improved_cause_unknown",
        "Language lessons combined with a work placement from the first month.",
        Design("before_after", 31.0, 16.0, "n", 220),
    ),
    _iv(
        "IN-02", "Buddy programme for newcomers", INTEGRATION, "standard", "described",
        ("2020-04-01", ""), "wellbeing_score", 120, 95_000, "not_measured",
        "A local volunteer meets a newcomer every week during the first year.",
    ),
    _iv(
        "IN-03", "Language café at the library", INTEGRATION, "idea", "none",
        ("", ""), "", 0, 0, "not_measured",
        "Proposal: a weekly informal conversation table in Dutch, run by volunteers.",
    ),
)
# fmt: on


def country(code: str) -> Country:
    """The demo in one country: ``en`` (the reference set, English names), nl, dk or no."""
    if code == "en":
        return Country(
            code="en",
            settings_country="NL",
            language="en",
            home=HOME_MUNICIPALITY,
            peers=PEERS,
            currency=CURRENCY,
            scale=Decimal(1),
            budget_header=BUDGET_HEADER,
            thousands=".",
            programmes={p: (p, code, owner) for p, (code, owner, _spend) in PROGRAMMES.items()},
            interventions={iv.intervention_id: (iv.name, iv.description) for iv in INTERVENTIONS},
            indicators={i.name: (i.name, i.description) for i in INDICATORS},
        )
    try:
        return COUNTRIES[code]
    except KeyError:
        msg = f"no demo for country {code!r}: choose one of en, {', '.join(COUNTRIES)}"
        raise ValueError(msg) from None


def intended_effects() -> dict[str, tuple[EffectClass, str]]:
    """intervention_id -> (effect class, method) that the demo data is designed to give."""
    return {iv.intervention_id: (iv.effect, iv.method) for iv in INTERVENTIONS}


def dutch_amount(amount: Decimal, thousands: str = ".") -> str:
    """A money amount as a Dutch (or Danish) spreadsheet writes it: ``1.234.567,89``; with
    ``thousands=""`` as a Norwegian export does: ``1234567,89``."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", thousands)


def _cents(value: float) -> Decimal:
    return Decimal(round(value * 100)).scaleb(-2)


def _hundreds(value: float) -> Decimal:
    return Decimal(round(value / 100) * 100).quantize(Decimal("0.01"))


def _one_decimal(value: float) -> str:
    return f"{value:.1f}"


def _bool(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def _populations(c: Country) -> dict[tuple[str, int], int]:
    """(municipality, year) -> inhabitants on 1 January."""
    result: dict[tuple[str, int], int] = {}
    for index, municipality in enumerate((c.home, *c.peers)):
        for year in YEARS:
            grown = POPULATION_2020[index] * (1 + POPULATION_GROWTH[index]) ** (year - YEARS[0])
            result[municipality, year] = round(grown)
    return result


def _active_months(iv: Intervention, year: int) -> int:
    """Months of ``year`` in which the intervention runs (0: none, or no start date)."""
    if iv.start is None or iv.start.year > year or (iv.end and iv.end.year < year):
        return 0
    first = iv.start.month if iv.start.year == year else 1
    last = iv.end.month if iv.end and iv.end.year == year else 12
    return last - first + 1


def _budget_records(rng: random.Random, c: Country) -> list[dict[str, str]]:
    """Home: per intervention and unattributed lines; peers: per programme."""
    records: list[dict[str, str]] = []
    home_totals: dict[tuple[int, str], Decimal] = {}

    def add(
        place: str, year: int, programme: str, iv_id: str, amounts: tuple[Decimal, Decimal]
    ) -> None:
        budgeted, actual = amounts
        name, code, _owner = c.programmes[programme]
        records.append(
            {
                "year": str(year),
                "programme": name,
                "programme_code": code,
                "intervention_id": iv_id,
                "budgeted": dutch_amount(budgeted, c.thousands),
                "actual": dutch_amount(actual, c.thousands),
                "municipality": place,
                "currency": c.currency,
            }
        )

    for year in YEARS:
        index = 1.03 ** (year - YEARS[-1]) * float(c.scale)
        for programme, (_code, _owner, unattributed) in PROGRAMMES.items():
            budgeted = _hundreds(unattributed * index * rng.uniform(0.95, 1.05))
            actual = _cents(float(budgeted) * rng.uniform(0.92, 1.08))
            add(c.home, year, programme, "", (budgeted, actual))
            total = budgeted
            for iv in INTERVENTIONS:
                months = _active_months(iv, year)
                if iv.programme != programme or months == 0 or iv.start is None:
                    continue
                ramp = 1.0
                if iv.stage == "scaling":
                    ramp = min(1.0, 0.55 + 0.15 * (year - iv.start.year))
                full = iv.annual_budget * index * ramp * months / 12
                budgeted = _hundreds(full * rng.uniform(0.97, 1.03))
                actual = _cents(float(budgeted) * rng.uniform(0.86, 1.10))
                add(c.home, year, programme, iv.intervention_id, (budgeted, actual))
                total += budgeted
            home_totals[year, programme] = total

    population = _populations(c)
    factors = {
        (peer, programme): rng.uniform(0.75, 1.35) for peer in c.peers for programme in PROGRAMMES
    }
    for peer in c.peers:
        for year in YEARS:
            ratio = population[peer, year] / population[c.home, year]
            for programme in PROGRAMMES:
                home = float(home_totals[year, programme])
                budgeted = _hundreds(
                    home * ratio * factors[peer, programme] * rng.uniform(0.97, 1.03)
                )
                actual = _cents(float(budgeted) * rng.uniform(0.90, 1.08))
                add(peer, year, programme, "", (budgeted, actual))
    return records


def _indicator(name: str) -> Indicator:
    return next(i for i in INDICATORS if i.name == name)


def _half_width(design: Design, value: float, n: int | None) -> float:
    """The 95% half-width of a value: the designed one, or a proportion's from n."""
    if design.uncertainty == "ci":
        return design.spread
    if design.uncertainty == "n" and n:
        p = min(max(value / 100, 0.01), 0.99)
        return Z95 * 100 * math.sqrt(p * (1 - p) / n)
    return 0.0


def _clamp(value: float, indicator: Indicator) -> float:
    if indicator.unit == _PCT:
        return min(max(value, 0.5), 99.5)
    return max(value, 0.0)


def _series(iv: Intervention, rng: random.Random, c: Country) -> list[dict[str, str]]:
    """The outcome rows of one measured intervention, as its design says."""
    design, start = iv.design, iv.start
    if design is None or design.making == "peers" or start is None or iv.indicator is None:
        return []
    indicator = _indicator(iv.indicator)
    first = max(YEARS[0], start.year - (0 if design.baseline_column else 2))
    last = min(YEARS[-1], iv.end.year if iv.end else YEARS[-1])
    typical_n = round(design.spread) if design.uncertainty == "n" else None
    noise = 0.15 * _half_width(design, design.level, typical_n) or 0.04 * abs(design.delta) + 0.3
    rows: list[dict[str, str]] = []
    for year in range(first, last + 1):
        if year < start.year:
            ramp = 0.0
        elif year == start.year:
            ramp = START_YEAR_RAMP
        else:
            ramp = 1.0
        level = design.level
        compared = design.making == "comparison" and (
            year > start.year or (design.before and year < start.year)
        )
        if design.making == "comparison":
            level += rng.uniform(-noise, noise)
        value = _clamp(level + design.delta * ramp + rng.uniform(-noise, noise), indicator)
        value = round(value, 1)
        n = round(design.spread * rng.uniform(0.9, 1.1)) if design.uncertainty == "n" else None
        row = {
            "indicator": c.indicators[indicator.name][0],
            "period": str(year),
            "value": _one_decimal(value),
            "intervention_id": iv.intervention_id,
            "municipality": c.home,
            "unit": c.units.get(indicator.unit, indicator.unit),
            "higher_is_better": _bool(indicator.higher_is_better),
        }
        if compared:
            comparison = round(_clamp(level, indicator), 1)
            row["comparison"] = _one_decimal(comparison)
            if design.uncertainty == "ci":
                half = _half_width(design, comparison, None)
                row["comparison_ci_low"] = _one_decimal(max(comparison - half, 0.0))
                row["comparison_ci_high"] = _one_decimal(comparison + half)
            elif design.uncertainty == "n":
                row["comparison_n"] = str(round(design.spread * rng.uniform(0.9, 1.1)))
        if design.baseline_column:
            row["baseline"] = _one_decimal(design.level)
        if design.target is not None:
            row["target"] = _one_decimal(design.target)
        if design.uncertainty == "ci":
            half = _half_width(design, value, None)
            row["ci_low"] = _one_decimal(max(value - half, 0.0))
            row["ci_high"] = _one_decimal(value + half)
        elif n is not None:
            row["n"] = str(n)
        rows.append(row)
    return rows


def _municipality_wide(indicator: str, year: int) -> float:
    """What the municipality-wide interventions (peers design) add to home's figure."""
    return sum(
        iv.design.delta
        for iv in INTERVENTIONS
        if iv.design is not None
        and iv.design.making == "peers"
        and iv.indicator == indicator
        and iv.start is not None
        and year >= iv.start.year
    )


def _outcome_records(rng: random.Random, c: Country) -> list[dict[str, str]]:
    """Population and benchmark indicators for every municipality, then the interventions."""
    records: list[dict[str, str]] = []
    population = _populations(c)
    for index, municipality in enumerate((c.home, *c.peers)):
        for year in YEARS:
            records.append(
                {
                    "indicator": "population",
                    "period": str(year),
                    "value": str(population[municipality, year]),
                    "municipality": municipality,
                    "unit": c.units.get("inhabitants", "inhabitants"),
                }
            )
        for name, (levels, shifts, spread) in BENCHMARK_LEVELS.items():
            indicator = _indicator(name)
            for offset, year in enumerate(YEARS):
                value = levels[index] + shifts[offset] + rng.uniform(-spread, spread)
                if municipality == c.home:
                    value += _municipality_wide(name, year)
                records.append(
                    {
                        "indicator": c.indicators[name][0],
                        "period": str(year),
                        "value": _one_decimal(value),
                        "municipality": municipality,
                        "unit": c.units.get(indicator.unit, indicator.unit),
                        "higher_is_better": _bool(indicator.higher_is_better),
                    }
                )
    for iv in INTERVENTIONS:
        records.extend(_series(iv, rng, c))
    return records


def _programme_records(c: Country) -> list[dict[str, str]]:
    def day_first(date: dt.date | None) -> str:
        return f"{date:%d-%m-%Y}" if date else ""

    return [
        {
            "intervention_id": iv.intervention_id,
            "name": c.interventions[iv.intervention_id][0],
            "programme": c.programmes[iv.programme][0],
            "stage": iv.stage,
            "evidence_level": iv.evidence_level,
            "start_date": day_first(iv.start),
            "end_date": day_first(iv.end),
            "indicator": c.indicators[iv.indicator][0] if iv.indicator else "",
            "participants": "" if iv.participants is None else str(iv.participants),
            "owner": c.programmes[iv.programme][2],
            "description": c.interventions[iv.intervention_id][1],
            "design": _design_column(iv.design),
            "expected_effect": "" if iv.prior is None else f"{iv.prior[0]:g}",
            "expected_effect_se": "" if iv.prior is None else f"{iv.prior[1]:g}",
        }
        for iv in INTERVENTIONS
    ]


def _design_column(design: Design | None) -> str:
    if design is None or design.making != "comparison":
        return ""
    return "randomised" if design.randomised else "not_randomised"


def _indicator_records(c: Country) -> list[dict[str, str]]:
    return [
        {
            "indicator": c.indicators[i.name][0],
            "unit": c.units.get(i.unit, i.unit),
            "higher_is_better": _bool(i.higher_is_better),
            "description": c.indicators[i.name][1],
            "value_per_unit": _scaled(i.value_per_unit, c.scale),
            "value_per_unit_low": _scaled(i.value_per_unit, VALUE_RANGE[0] * c.scale),
            "value_per_unit_high": _scaled(i.value_per_unit, VALUE_RANGE[1] * c.scale),
            "benefit_years": "" if i.horizon is None else str(i.horizon[0]),
            "persistence": "" if i.horizon is None else f"{i.horizon[1]:g}",
        }
        for i in INDICATORS
    ]


def _scaled(value: Decimal | None, factor: Decimal) -> str:
    return "" if value is None else f"{value * factor:.2f}"


def _write(
    path: Path,
    fields: Sequence[str],
    records: Iterable[dict[str, str]],
    *,
    header: Sequence[str] | None = None,
    delimiter: str = ",",
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header or fields)
        for record in records:
            unknown = set(record) - set(fields)
            if unknown:
                msg = f"{path.name}: no column for {sorted(unknown)}"
                raise ValueError(msg)
            writer.writerow([record.get(field, "") for field in fields])


def generate(out_dir: Path = DEMO_DIR, seed: int = 42, country_code: str = "en") -> list[Path]:
    """Write the demo files of one country (``en``: the committed reference set) into
    ``out_dir``; the paths written, in load order."""
    c = country(country_code)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = {
        "indicators": _indicator_records(c),
        "programmes": _programme_records(c),
        # One generator per file, seeded by name: a change to one file leaves the others.
        "budget": _budget_records(random.Random(f"{seed}:budget"), c),  # noqa: S311 - demo data
        "outcomes": _outcome_records(random.Random(f"{seed}:outcomes"), c),  # noqa: S311
    }
    paths: list[Path] = []
    for kind, filename in DEMO_FILES:
        path = out_dir / filename
        fields = [spec.name for spec in columns(Kind(kind))]
        if kind == "budget":
            names = dict(c.budget_header)
            fields = [name for name, _alias in c.budget_header]
            header = [names[name] for name in fields]
            _write(path, fields, records[kind], header=header, delimiter=";")
        else:
            _write(path, fields, records[kind])
        paths.append(path)
    return paths


def main() -> None:
    """Regenerate ``data/demo/``."""
    for path in generate():
        print(path)


if __name__ == "__main__":
    main()
