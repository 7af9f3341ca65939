"""The effect of an intervention on its primary indicator: the one module that owns the method.

docs/effects.md is the method statement (formulas, assumptions, references); this docstring
is its summary. ``queries/intervention_effects.sql`` reads the register side (one row per
intervention) and ``queries/effect_rows.sql`` the measured rows; everything else is here.

Designs, each a ``Method``; every one that the data allows is estimated and the strongest
(highest strength by what the data hold, whatever intervals are given; ties in this order)
is reported:

- ``randomised``: register ``design = randomised``, comparison values after the start:
  d x mean_post(v - c), less mean_pre(v - c) when both arms were measured before the start
  too (the chance gap at baseline); strength 5.
- ``diff_in_diff``: comparison values before and after the start:
  d x [mean_post(v - c) - mean_pre(v - c)]; strength 3, 4 when >= 3 pre periods show
  parallel trends (the slope of the pre-start gap is within its 95% uncertainty of zero).
- ``comparison_after``: comparison values only after the start: d x mean_post(v - c);
  strength 2.
- ``peers_diff_in_diff``: the home series (the intervention's own rows, else the
  municipality-level rows) against the mean of the peer municipalities that report the
  indicator in the same periods, differenced before and after; strength 2, 3 with parallel
  pre trends over >= 3 pre periods.
- ``before_after``: d x (mean_post(v) - baseline), baseline = the ``baseline`` column (the
  latest row that gives one) else the mean of the pre-start values, never one dip;
  strength 1.
- ``none``: no usable values: ``too_early`` when the start lies after the start of the latest
  period reported for the indicator (the data, never the clock), else ``not_measured``.

Strength: minus one for a single period after the start, never below 1 while the
uncertainty is known; 0 when it is unknown.

Uncertainty: each value's 95% interval is ``ci_low``/``ci_high`` (``comparison_ci_*`` for a
comparison value), else for a proportion with ``n`` (``comparison_n``) the Wilson score
interval. An estimate is a linear combination of values; its interval combines the values'
own (possibly asymmetric) half-widths by the method of variance estimates recovery (MOVER,
Newcombe/Zou), which for symmetric intervals is the usual standard error of a mean and of a
difference. A comparison value without an interval leaves the estimate's interval unknown (a
figure from a full register, without sampling error, is given as exact by an interval of zero
width: ``comparison_exact``), so that less information can never narrow an interval.
When a value of the estimate has no interval and at least three periods exist, the interval
comes from the spread of the period figures (Student's t, pooled over before and after);
otherwise the uncertainty is unknown.

Class: ``works`` (interval clear of zero on the good side, strength >= 2),
``improved_cause_unknown`` (the same at strength 1), ``harmful`` / ``worsened_cause_unknown``
(the bad side), ``inconclusive`` (the interval includes zero, or the uncertainty is unknown:
never counted as working), ``not_measured``, ``too_early``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal, get_args

import duckdb
from scipy import stats

from whatworks import store
from whatworks.analytics.scope import Scope, resolve_scope, rows

Method = Literal[
    "randomised", "diff_in_diff", "comparison_after", "peers_diff_in_diff", "before_after", "none"
]
EffectClass = Literal[
    "works",
    "improved_cause_unknown",
    "inconclusive",
    "worsened_cause_unknown",
    "harmful",
    "not_measured",
    "too_early",
]
Uncertainty = Literal["interval", "spread", "unknown"]
BaselineSource = Literal["column", "before_mean"]

METHODS: tuple[Method, ...] = get_args(Method)
EFFECT_CLASSES: tuple[EffectClass, ...] = get_args(EffectClass)
# The classes counted as "shown to work" in every headline: works alone.
SHOWN_TO_WORK: tuple[EffectClass, ...] = ("works",)
MEASURED_CLASSES: frozenset[EffectClass] = frozenset(
    ("works", "improved_cause_unknown", "inconclusive", "worsened_cause_unknown", "harmful")
)
# i18n keys the UI translates; before/after must never read as causal.
METHOD_LABELS: dict[Method, str] = {m: f"method.{m}" for m in METHODS}
BASE_STRENGTH: dict[Method, int] = {
    "randomised": 5,
    "diff_in_diff": 3,
    "comparison_after": 2,
    "peers_diff_in_diff": 2,
    "before_after": 1,
    "none": 0,
}
# Designs whose strength rises by one with parallel pre-start trends over >= 3 periods.
TREND_BONUS: frozenset[Method] = frozenset(("diff_in_diff", "peers_diff_in_diff"))
MIN_PRE_TREND_PERIODS = 3
MIN_SPREAD_PERIODS = 3
CONFIDENCE = 0.95
POWER = 0.80
Z = float(stats.norm.ppf(0.5 + CONFIDENCE / 2))  # 1.959963984540054
DECIMALS = 10
PROPORTION_PERCENT_UNITS = frozenset(
    ("%", "percent", "pct", "procent", "prosent", "percentage", "pp", "%-point", "procentpoint")
)
PROPORTION_FRACTION_UNITS = frozenset(
    ("", "proportion", "fraction", "share", "aandeel", "andel", "ratio")
)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Value:
    """A measured figure with its 95% half-widths below and above (None: unknown)."""

    value: float
    below: float | None = None
    above: float | None = None

    @property
    def known(self) -> bool:
        return self.below is not None and self.above is not None


def combine(terms: Iterable[tuple[float, Value]]) -> Value:
    """sum(w x value) with its interval by MOVER: half-widths added in quadrature per side."""
    total, below, above, known = 0.0, 0.0, 0.0, True
    for weight, v in terms:
        total += weight * v.value
        if v.below is None or v.above is None:
            known = False
            continue
        down, up = (v.below, v.above) if weight >= 0 else (v.above, v.below)
        below += (weight * down) ** 2
        above += (weight * up) ** 2
    if not known:
        return Value(total)
    return Value(total, math.sqrt(below), math.sqrt(above))


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """One period of a design: its figure (a gap or a value) as a combination of values."""

    period: str
    start: dt.date
    terms: tuple[tuple[float, Value], ...]

    @property
    def figure(self) -> Value:
        return combine(self.terms)


def _mean_terms(periods: Sequence[Period], sign: float) -> list[tuple[float, Value]]:
    k = len(periods)
    return [(sign * w / k, v) for p in periods for w, v in p.terms]


def _years(periods: Sequence[Period]) -> list[float]:
    return [p.start.toordinal() / 365.25 for p in periods]


def parallel_pre_trend(pre: Sequence[Period]) -> bool | None:
    """Whether the pre-start figures have no trend within their 95% uncertainty.

    The OLS slope of the figures on time; its standard error from the figures' own intervals
    when all are known, else from the residuals (t with k - 2 degrees of freedom). None with
    fewer than ``MIN_PRE_TREND_PERIODS`` periods.
    """
    k = len(pre)
    if k < MIN_PRE_TREND_PERIODS:
        return None
    x = _years(pre)
    figures = [p.figure for p in pre]
    y = [f.value for f in figures]
    mx, my = sum(x) / k, sum(y) / k
    sxx = sum((xi - mx) ** 2 for xi in x)
    if sxx == 0:
        return None
    slope = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y, strict=True)) / sxx
    if all(f.known for f in figures):
        se = (
            math.sqrt(
                sum(
                    (xi - mx) ** 2 * (((f.below or 0) + (f.above or 0)) / (2 * Z)) ** 2
                    for xi, f in zip(x, figures, strict=True)
                )
            )
            / sxx
        )
        critical = Z
    else:
        residuals = [yi - my - slope * (xi - mx) for xi, yi in zip(x, y, strict=True)]
        se = math.sqrt(sum(r * r for r in residuals) / (k - 2) / sxx)
        critical = float(stats.t.ppf(0.5 + CONFIDENCE / 2, k - 2))
    if se == 0:
        return abs(slope) < 1e-9
    return abs(slope) <= critical * se


# --------------------------------------------------------------------------- estimates


@dataclass(frozen=True)
class Estimate:
    """A design's estimate in the indicator's units, signed so that positive is better."""

    method: Method
    effect: float
    low: float | None
    high: float | None
    uncertainty: Uncertainty
    df: float | None  # Student's t degrees of freedom (spread); None: normal
    strength: int
    design_strength: int  # the strength before the uncertainty is known: chooses the design
    post: tuple[str, ...]
    pre: tuple[str, ...] = ()
    parallel_trends: bool | None = None
    baseline: float | None = None
    baseline_source: BaselineSource | None = None
    comparison_exact: bool = False
    peers: tuple[str, ...] = ()
    n_per_period: float | None = None  # mean observations behind a post value, when known


def _spread(post: Sequence[Period], pre: Sequence[Period] | None) -> tuple[float, float] | None:
    """(standard error, degrees of freedom) from the figures' spread; None when too few."""
    a = [p.figure.value for p in post]
    if pre is None:
        k = len(a)
        if k < MIN_SPREAD_PERIODS:
            return None
        mean = sum(a) / k
        var = sum((x - mean) ** 2 for x in a) / (k - 1)
        return math.sqrt(var / k), k - 1
    b = [p.figure.value for p in pre]
    k1, k2 = len(a), len(b)
    if k1 + k2 < MIN_SPREAD_PERIODS:
        return None
    ma, mb = sum(a) / k1, sum(b) / k2
    ss = sum((x - ma) ** 2 for x in a) + sum((x - mb) ** 2 for x in b)
    df = k1 + k2 - 2
    return math.sqrt(ss / df * (1 / k1 + 1 / k2)), df


def _clean(value: float | None) -> float | None:
    return None if value is None else round(float(value), DECIMALS) + 0.0


def estimate(
    method: Method,
    d: int,
    post: Sequence[Period],
    pre: Sequence[Period] | None = None,
    *,
    reference: float | None = None,
    baseline: float | None = None,
    baseline_source: BaselineSource | None = None,
    comparison_exact: bool = False,
    peers: tuple[str, ...] = (),
    n_per_period: float | None = None,
) -> Estimate:
    """d x (mean of post figures - (mean of pre figures, or ``reference``, or 0))."""
    terms = _mean_terms(post, 1.0)
    if pre is not None:
        terms += _mean_terms(pre, -1.0)
    raw = combine(terms)
    point = raw.value - (reference or 0.0)
    uncertainty: Uncertainty = "unknown"
    df: float | None = None
    below = above = None
    if raw.known:
        uncertainty, below, above = "interval", raw.below, raw.above
    else:
        spread = _spread(post, pre)
        if spread is not None and spread[1] >= 1:
            se, df = spread
            half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
            uncertainty, below, above = "spread", half, half
    low = high = None
    if below is not None and above is not None:
        low, high = (point - below, point + above) if d > 0 else (-point - above, -point + below)
    parallel = parallel_pre_trend(pre) if pre is not None and method in TREND_BONUS else None
    strength = BASE_STRENGTH[method] + (1 if parallel else 0)
    if len(post) == 1:
        strength -= 1
    design_strength = max(strength, 1)
    strength = 0 if uncertainty == "unknown" else design_strength
    return Estimate(
        method=method,
        effect=_clean(d * point) or 0.0,
        low=_clean(low),
        high=_clean(high),
        uncertainty=uncertainty,
        df=df,
        strength=strength,
        design_strength=design_strength,
        post=tuple(p.period for p in post),
        pre=tuple(p.period for p in pre or ()),
        parallel_trends=parallel,
        baseline=baseline,
        baseline_source=baseline_source,
        comparison_exact=comparison_exact,
        peers=peers,
        n_per_period=n_per_period,
    )


def effect_class(strength: int, low: float | None, high: float | None) -> EffectClass:
    """The class of a measured effect: the interval against zero, then the strength."""
    if low is None or high is None:
        return "inconclusive"
    if low > 0:
        return "works" if strength >= 2 else "improved_cause_unknown"
    if high < 0:
        return "harmful" if strength >= 2 else "worsened_cause_unknown"
    return "inconclusive"


# --------------------------------------------------------------------------- the designs


@dataclass(frozen=True)
class Row:
    """One measured row of effect_rows.sql (for ``peers``: the peers' mean of a period)."""

    series: str
    municipality: str | None
    period: str
    start: dt.date
    end: dt.date
    value: Value
    comparison: Value | None
    baseline: float | None
    n: int | None
    is_after: bool
    is_before: bool
    peers: tuple[str, ...] = ()  # for ``peers``: the peer municipalities of the period


def _interval(value: float, low: float | None, high: float | None) -> Value:
    if low is None or high is None:
        return Value(value)
    return Value(value, value - low, high - value)


def _row(r: Mapping[str, Any], peers: tuple[str, ...] = ()) -> Row:
    if r["series"] == "peers":
        # The mean of k peer values: each value's half-widths weigh 1/k (MOVER, section 3).
        k = int(r["peer_count"])
        below, above = r["peer_below_sq"], r["peer_above_sq"]
        value = (
            Value(r["value"], math.sqrt(below) / k, math.sqrt(above) / k)
            if below is not None and above is not None
            else Value(r["value"])
        )
    else:
        value = _interval(r["value"], r["value_low"], r["value_high"])
    comparison = None
    if r["comparison"] is not None:
        comparison = _interval(r["comparison"], r["comparison_low"], r["comparison_high"])
    return Row(
        series=r["series"],
        municipality=r["municipality"],
        period=r["period"],
        start=r["period_start"],
        end=r["period_end"],
        value=value,
        comparison=comparison,
        baseline=r["baseline"],
        n=r["n"],
        is_after=bool(r["is_after"]),
        is_before=bool(r["is_before"]),
        peers=peers,
    )


def _gap(row: Row) -> Period:
    if row.comparison is None:
        raise ValueError("a gap needs a comparison value")
    return Period(row.period, row.start, ((1.0, row.value), (-1.0, row.comparison)))


def _value(row: Row) -> Period:
    return Period(row.period, row.start, ((1.0, row.value),))


def _n_per_period(post: Sequence[Row]) -> float | None:
    ns = [r.n for r in post if r.n is not None]
    return sum(ns) / len(ns) if ns and len(ns) == len(post) else None


def _comparison_designs(d: int, own: Sequence[Row], randomised: bool) -> list[Estimate]:
    post = [r for r in own if r.is_after and r.comparison is not None]
    if not post:
        return []
    pre = [r for r in own if r.is_before and r.comparison is not None]
    exact = any(
        r.comparison is not None and r.comparison.below == 0 and r.comparison.above == 0
        for r in post + pre
    )
    n = _n_per_period(post)
    post_gaps = [_gap(r) for r in post]
    pre_gaps = [_gap(r) for r in pre] or None
    found = []
    if randomised:
        # With both arms measured before the start too, the chance gap at baseline is taken
        # out as in difference-in-differences: the same estimate, at the randomised strength.
        found.append(
            estimate("randomised", d, post_gaps, pre_gaps, comparison_exact=exact, n_per_period=n)
        )
    if pre_gaps:
        found.append(
            estimate("diff_in_diff", d, post_gaps, pre_gaps, comparison_exact=exact, n_per_period=n)
        )
    found.append(estimate("comparison_after", d, post_gaps, comparison_exact=exact, n_per_period=n))
    return found


def _peers_design(d: int, home: Sequence[Row], peers: Sequence[Row]) -> list[Estimate]:
    by_period = {r.period: r for r in peers}
    periods: list[tuple[Row, Period]] = []
    joined: set[tuple[str, ...]] = set()
    for r in home:
        peer = by_period.get(r.period)
        if peer is None or not (r.is_after or r.is_before):
            continue
        periods.append((r, Period(r.period, r.start, ((1.0, r.value), (-1.0, peer.value)))))
        joined.add(peer.peers)
    post = [p for r, p in periods if r.is_after]
    pre = [p for r, p in periods if r.is_before]
    if not post or not pre:
        return []
    names = {name for names in joined for name in names if name}
    return [estimate("peers_diff_in_diff", d, post, pre, peers=tuple(sorted(names)))]


def _before_after_design(d: int, own: Sequence[Row]) -> list[Estimate]:
    post = [r for r in own if r.is_after]
    if not post:
        return []
    with_baseline = [r for r in own if r.baseline is not None]
    posts = [_value(r) for r in post]
    if with_baseline:
        latest = max(with_baseline, key=lambda r: (r.end, r.start))
        assert latest.baseline is not None
        return [
            estimate(
                "before_after",
                d,
                posts,
                reference=latest.baseline,
                baseline=latest.baseline,
                baseline_source="column",
                n_per_period=_n_per_period(post),
            )
        ]
    pre = [r for r in own if r.is_before]
    if not pre:
        return []
    return [
        estimate(
            "before_after",
            d,
            posts,
            [_value(r) for r in pre],
            baseline=_clean(sum(r.value.value for r in pre) / len(pre)),
            baseline_source="before_mean",
            n_per_period=_n_per_period(post),
        )
    ]


def candidates(d: int, rows_of: Sequence[Row], *, randomised: bool) -> list[Estimate]:
    """Every design the rows allow, strongest first (strength, then the order of METHODS).

    The design is chosen by what the data hold (design strength: which values exist, how many
    periods, parallel pre-trends), never by whether intervals are given, so removing an
    interval can make the chosen estimate inconclusive but never switch it to another design.
    """
    own = sorted((r for r in rows_of if r.series == "own"), key=lambda r: (r.end, r.start))
    home_level = sorted((r for r in rows_of if r.series == "home"), key=lambda r: (r.end, r.start))
    peers = [r for r in rows_of if r.series == "peers"]
    found = _comparison_designs(d, own, randomised)
    own_has_both = any(r.is_after for r in own) and any(r.is_before for r in own)
    found += _peers_design(d, own if own_has_both else home_level, peers)
    found += _before_after_design(d, own)
    return sorted(found, key=lambda e: (-e.design_strength, METHODS.index(e.method)))


# --------------------------------------------------------------------------- the effect


@dataclass(frozen=True)
class Prior:
    """What was expected beforehand (register), the local estimate, and both combined."""

    expected: float
    expected_se: float
    combined: float
    combined_se: float


@dataclass(frozen=True)
class Effect:
    """An intervention's effect on its primary indicator, and how it was made.

    ``effect``, ``low`` and ``high`` are in the indicator's units, signed so that positive is
    an improvement; ``relative_effect`` is a fraction of 1 (effect / |reference level|).
    """

    intervention_id: str
    name: str
    programme: str
    stage: str
    evidence_level: str
    start_date: dt.date | None
    indicator: str | None
    unit: str | None
    participants: int | None
    direction: int
    method: Method
    effect: float | None
    low: float | None
    high: float | None
    strength: int
    effect_class: EffectClass
    uncertainty: Uncertainty = "unknown"
    df: float | None = None
    relative_effect: float | None = None
    periods: tuple[str, ...] = ()
    pre_periods: tuple[str, ...] = ()
    parallel_trends: bool | None = None
    baseline: float | None = None
    baseline_source: BaselineSource | None = None
    comparison_exact: bool = False
    peers: tuple[str, ...] = ()
    n_per_period: float | None = None
    prior: Prior | None = None
    value_per_unit: Decimal | None = None
    value_per_unit_low: Decimal | None = None
    value_per_unit_high: Decimal | None = None
    benefit_years: int | None = None
    persistence: float | None = None
    alternatives: tuple[Estimate, ...] = field(default=(), compare=False)

    @property
    def method_label(self) -> str:
        """The i18n key of the method's label."""
        return METHOD_LABELS[self.method]

    @property
    def interval_known(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def measured(self) -> bool:
        return self.effect_class in MEASURED_CLASSES

    @property
    def causal(self) -> bool:
        """Whether the design supports reading the effect as caused by the intervention."""
        return self.strength >= 2

    @property
    def standard_error(self) -> float | None:
        """The standard error behind the 95% interval (the mean of its two half-widths)."""
        if self.low is None or self.high is None:
            return None
        return (self.high - self.low) / (2 * self.critical)

    @property
    def critical(self) -> float:
        """The 95% critical value of the estimate's distribution (t for a spread)."""
        if self.df is not None:
            return float(stats.t.ppf(0.5 + CONFIDENCE / 2, self.df))
        return Z

    @property
    def mde(self) -> float | None:
        """The minimal detectable effect at 80% power and 5% (two-sided) with today's data."""
        se = self.standard_error
        if se is None:
            return None
        if self.df is not None:
            factor = float(stats.t.ppf(0.5 + CONFIDENCE / 2, self.df) + stats.t.ppf(POWER, self.df))
        else:
            factor = Z + float(stats.norm.ppf(POWER))
        return _clean(factor * se)

    def probability_above(self, threshold: float) -> float | None:
        """P(effect > threshold): from the prior-combined estimate when there is one."""
        if self.prior is not None:
            return float(stats.norm.sf(threshold, self.prior.combined, self.prior.combined_se))
        return distribution_above(self, threshold)


def distribution_above(e: Effect | Estimate, threshold: float) -> float | None:
    """P(effect > threshold) for a split normal (t for a spread) matching the 95% interval."""
    if e.low is None or e.high is None:
        return None
    assert e.effect is not None
    left, right = e.effect - e.low, e.high - e.effect
    if e.df is not None:
        scale = (left + right) / 2 / float(stats.t.ppf(0.5 + CONFIDENCE / 2, e.df))
        if scale == 0:
            return 1.0 if e.effect > threshold else 0.0
        return float(stats.t.sf(threshold, e.df, e.effect, scale))
    sl, sr = left / Z, right / Z
    if sl + sr == 0:
        return 1.0 if e.effect > threshold else 0.0
    if threshold < e.effect:
        if not sl:
            return 1.0
        return 1.0 - 2 * sl / (sl + sr) * float(stats.norm.cdf((threshold - e.effect) / sl))
    if not sr:
        return 0.0
    return 2 * sr / (sl + sr) * float(stats.norm.sf((threshold - e.effect) / sr))


def combine_prior(e: Estimate, expected: float | None, expected_se: float | None) -> Prior | None:
    """Precision weighting of the prior and the local estimate (both taken as normal)."""
    if expected is None or expected_se is None or expected_se <= 0:
        return None
    if e.low is None or e.high is None:
        return None
    local_se = (e.high - e.low) / (2 * Z)
    if local_se <= 0:
        return None
    w_local, w_prior = 1 / local_se**2, 1 / expected_se**2
    combined = (w_local * e.effect + w_prior * expected) / (w_local + w_prior)
    return Prior(
        expected=expected,
        expected_se=expected_se,
        combined=_clean(combined) or 0.0,
        combined_se=_clean(math.sqrt(1 / (w_local + w_prior))) or 0.0,
    )


def _relative(e: Estimate, rows_of: Sequence[Row]) -> float | None:
    post = set(e.post)
    if e.method in ("randomised", "diff_in_diff", "comparison_after"):
        refs = [
            r.comparison.value
            for r in rows_of
            if r.series == "own" and r.period in post and r.comparison
        ]
        reference = sum(refs) / len(refs) if refs else None
    elif e.method == "before_after":
        reference = e.baseline
    else:
        pre = set(e.pre)
        refs = [r.value.value for r in rows_of if r.series != "peers" and r.period in pre]
        reference = sum(refs) / len(refs) if refs else None
    if reference is None or reference == 0:
        return None
    return _clean(e.effect / abs(reference))


def effect_from_inputs(register: Mapping[str, Any], measured_rows: Sequence[Row]) -> Effect:
    """Decide design, effect, interval, strength and class for one intervention."""
    d = int(register["d"])
    common: dict[str, Any] = {
        "intervention_id": register["intervention_id"],
        "name": register["name"],
        "programme": register["programme"],
        "stage": register["stage"] or "pilot",
        "evidence_level": register["evidence_level"],
        "start_date": register["start_date"],
        "indicator": register["indicator"],
        "unit": register["indicator_unit"],
        "participants": register["participants"],
        "direction": d,
        "value_per_unit": register["value_per_unit"],
        "value_per_unit_low": register["value_per_unit_low"],
        "value_per_unit_high": register["value_per_unit_high"],
        "benefit_years": register["benefit_years"],
        "persistence": register["persistence"],
    }
    found = (
        candidates(d, measured_rows, randomised=register["design"] == "randomised")
        if register["indicator"] is not None
        else []
    )
    if found:
        best = found[0]
        return Effect(
            **common,
            method=best.method,
            effect=best.effect,
            low=best.low,
            high=best.high,
            strength=best.strength,
            effect_class=effect_class(best.strength, best.low, best.high),
            uncertainty=best.uncertainty,
            df=best.df,
            relative_effect=_relative(best, measured_rows),
            periods=best.post,
            pre_periods=best.pre,
            parallel_trends=best.parallel_trends,
            baseline=best.baseline,
            baseline_source=best.baseline_source,
            comparison_exact=best.comparison_exact,
            peers=best.peers,
            n_per_period=best.n_per_period,
            prior=combine_prior(best, register["expected_effect"], register["expected_effect_se"]),
            alternatives=tuple(found[1:]),
        )
    start, reference = register["start_date"], register["reference_period_start"]
    too_early = (
        register["indicator"] is not None
        and start is not None
        and reference is not None
        and start > reference
    )
    return Effect(
        **common,
        method="none",
        effect=None,
        low=None,
        high=None,
        strength=0,
        effect_class="too_early" if too_early else "not_measured",
    )


def _rows_by_intervention(result: duckdb.DuckDBPyConnection) -> dict[str, list[Row]]:
    """The rows of effect_rows.sql by intervention, read once each.

    The home and peers series repeat for every intervention on the same indicator (at 1M
    outcome rows, 53,400 rows hold 10,656 distinct ones): a repeat shares the ``Row`` read
    from its first (rows are frozen), which makes the reading five times cheaper.
    """
    names = [d[0] for d in result.description or []]
    at = names.index("intervention_id")
    read: dict[tuple[Any, ...], Row] = {}
    by_intervention: dict[str, list[Row]] = defaultdict(list)
    for values in result.fetchall():
        rest = values[:at] + values[at + 1 :]
        row = read.get(rest)
        if row is None:
            row = read[rest] = _row(dict(zip(names, values, strict=True)))
        by_intervention[values[at]].append(row)
    return by_intervention


def effects_in_scope(
    con: duckdb.DuckDBPyConnection, scope: Scope, intervention_id: str | None = None
) -> list[Effect]:
    """The effect of every intervention in the register (or of one) within a scope."""
    params = scope.params() | {"intervention_id": intervention_id}
    units = {
        "z": Z,
        "percent_units": sorted(PROPORTION_PERCENT_UNITS),
        "fraction_units": sorted(PROPORTION_FRACTION_UNITS),
    }
    by_intervention = _rows_by_intervention(store.run(con, "effect_rows", params | units))
    register = rows(con, "intervention_effects", params)
    found = [
        effect_from_inputs(reg, by_intervention.get(reg["intervention_id"], [])) for reg in register
    ]
    # The peers' names are read apart, and only for the effects with an estimate against
    # peers (the rows above carry none): the same effects again, with the names.
    against_peers = [
        i
        for i, e in enumerate(found)
        if e.method == "peers_diff_in_diff"
        or any(a.method == "peers_diff_in_diff" for a in e.alternatives)
    ]
    if not against_peers:
        return found
    indicators = sorted({str(found[i].indicator) for i in against_peers})
    names = {
        (r["indicator"], r["period"]): tuple(r["names"])
        for r in rows(con, "peer_names", params | {"indicators": indicators})
    }
    for i in against_peers:
        reg = register[i]
        named = [
            replace(r, peers=names.get((reg["indicator"], r.period), ()))
            if r.series == "peers"
            else r
            for r in by_intervention[reg["intervention_id"]]
        ]
        found[i] = effect_from_inputs(reg, named)
    return found


def effects(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    municipality: str | None = None,
) -> list[Effect]:
    """The effect of every intervention in the register as of a data version."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    return effects_in_scope(con, scope)


def effect(
    con: duckdb.DuckDBPyConnection,
    intervention_id: str,
    *,
    version: int | None = None,
    municipality: str | None = None,
) -> Effect | None:
    """One intervention's effect; None when the register does not know it at that version."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    found = effects_in_scope(con, scope, intervention_id)
    return found[0] if found else None
