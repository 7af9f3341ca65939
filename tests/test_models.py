"""The contract's declarations: each column's constraints and each row rule hold for single
records (pydantic) as they do for a whole file (tests/test_ingest_validate.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

import models
from models import Kind

OUTCOME = {"indicator": "w", "period": "2025", "value": 1}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (models.Budget, {"year": 1899, "programme": "A", "actual": 1}),
        (models.Budget, {"year": 2101, "programme": "A", "actual": 1}),
        (models.Budget, {"year": 2025, "programme": "", "actual": 1}),
        (models.Budget, {"year": 2025, "programme": "A", "budgeted": "veel"}),
        (models.Budget, {"year": 2025, "programme": "A", "budgeted": Decimal("1.005")}),
        (models.Budget, {"year": 2025, "programme": "A"}),  # neither budgeted nor actual
        (models.Programme, {"intervention_id": "A", "name": "a", "programme": "p", "stage": "x"}),
        (
            models.Programme,
            {
                "intervention_id": "A",
                "name": "a",
                "programme": "p",
                "start_date": dt.date(2025, 3, 1),
                "end_date": dt.date(2025, 2, 28),
            },
        ),
        (
            models.Programme,
            {"intervention_id": "A", "name": "a", "programme": "p", "expected_effect_se": 1.0},
        ),
        (models.Outcome, {"indicator": "w", "period": "1899", "value": 1}),
        (models.Outcome, {"indicator": "w", "period": "2025", "value": 1, "n": 0}),
        (models.Outcome, {"indicator": "w", "period": "2025", "value": 1, "ci_high": 0.5}),
        (
            models.Outcome,
            {
                "indicator": "w",
                "period": "2025",
                "value": 1,
                "comparison": 2,
                "comparison_ci_low": 3,
            },
        ),
        (models.Indicator, {"indicator": "w", "benefit_years": 51}),
        (models.Indicator, {"indicator": "w", "persistence": 1.5}),
        (models.Indicator, {"indicator": "w", "value_per_unit": 10, "value_per_unit_high": 9}),
    ],
)
def test_a_record_breaking_a_rule_is_refused(model: type[models.Record], values: Any) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(values)


def test_records_within_the_rules_are_accepted() -> None:
    models.Budget.model_validate({"year": 1900, "programme": "A", "actual": -5})
    models.Programme.model_validate(
        {"intervention_id": "A", "name": "a", "programme": "p", "stage": "scaling"}
    )
    models.Outcome.model_validate(
        {"indicator": "w", "period": "2021/22", "value": 1, "ci_low": 1, "ci_high": 1, "n": 1}
    )
    models.Indicator.model_validate(
        {"indicator": "w", "value_per_unit_low": 9, "value_per_unit_high": 7, "persistence": 0}
    )


def test_choices_are_the_literal_types() -> None:
    by_name = {spec.name: spec for spec in models.columns(Kind.programmes)}
    assert by_name["stage"].choices == ("idea", "pilot", "scaling", "standard", "stopped")
    assert by_name["design"].choices == ("randomised", "not_randomised")  # in "X | None"
    assert by_name["stage"].choices == models.STAGES
    assert by_name["name"].choices == ()


def test_every_row_rule_names_columns_of_its_kind() -> None:
    for kind, rules in models.ROW_RULES.items():
        names = {spec.name for spec in models.columns(kind)}
        for rule in rules:
            assert {*rule.columns, rule.field} <= names, rule
