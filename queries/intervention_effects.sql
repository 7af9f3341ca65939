-- The inputs of each intervention's effect, aggregated to one row per intervention in the
-- register at data version $version (all interventions when $intervention_id is null).
-- Outcome rows are the intervention's own rows (intervention_id) on its primary indicator
-- (programmes.indicator), for municipality $municipality; rows without a municipality belong
-- to the home municipality $home. Area-level rows are not combined. whatworks.analytics
-- decides the method, the interval and the class from these figures (docs in effects.py).
-- $version $municipality $home $intervention_id
with

programmes as (
  select intervention_id, name, programme, stage, evidence_level, start_date, indicator, participants
  from programmes_at($version)
  where $intervention_id is null or intervention_id = $intervention_id
),

indicators as (
  select indicator, unit, higher_is_better, value_per_unit
  from indicators_at($version)
),

outcomes as (
  select
    indicator, intervention_id, area, period, period_start, period_end,
    value, comparison, baseline, ci_low, ci_high, n, unit, higher_is_better
  from outcomes_at($version)
  where coalesce(municipality, $home) is not distinct from $municipality
),

-- Direction: the indicators table wins; else the outcome rows of the indicator (the latest
-- row that states it); else higher is better.
row_direction as (
  select indicator, arg_max(higher_is_better, period_end) as higher_is_better
  from outcomes
  where higher_is_better is not null
  group by indicator
),

directed as (
  select
    p.intervention_id,
    case when coalesce(i.higher_is_better, r.higher_is_better, true) then 1 else -1 end as d,
    i.unit as indicator_unit,
    i.value_per_unit
  from programmes as p
  left join indicators as i on i.indicator = p.indicator
  left join row_direction as r on r.indicator = p.indicator
),

-- The intervention's own rows, placed before or after its start (a period that straddles
-- the start date is neither); with no start date every period counts as after.
own_rows as (
  select
    p.intervention_id,
    o.period, o.period_start, o.period_end, o.value, o.comparison, o.baseline,
    o.ci_low, o.ci_high, o.n,
    coalesce(o.unit, dr.indicator_unit) as unit,
    dr.d,
    coalesce(p.start_date is null or o.period_start >= p.start_date, false) as is_after,
    coalesce(o.period_end < p.start_date, false) as is_before
  from programmes as p
  join outcomes as o
    on o.indicator = p.indicator and o.intervention_id = p.intervention_id and o.area is null
  join directed as dr on dr.intervention_id = p.intervention_id
),

-- A proportion: unit '%' (0-100), or no unit / a share unit with a value in [0, 1].
scaled as (
  select
    *,
    case
      when trim(unit) = '%' and value between 0 and 100 then 100.0
      when (unit is null or lower(trim(unit)) in ('', 'proportion', 'fraction', 'share'))
        and value between 0 and 1 then 1.0
    end as scale
  from own_rows
),

-- The value's 95% interval: ci_low/ci_high when both are given, else for a proportion with
-- n the Wilson score interval (a normal approximation that does not collapse at 0 or 1).
wilson as (
  select
    *,
    value / scale as p,
    1.959963984540054 as z
  from scaled
),

measured as (
  select
    intervention_id, period, period_start, period_end, value, comparison, baseline, d,
    is_after, is_before,
    case
      when ci_low is not null and ci_high is not null then ci_low
      when scale is not null and n is not null then scale * (
        (p + z * z / (2 * n)) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
      ) / (1 + z * z / n)
    end as value_low,
    case
      when ci_low is not null and ci_high is not null then ci_high
      when scale is not null and n is not null then scale * (
        (p + z * z / (2 * n)) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
      ) / (1 + z * z / n)
    end as value_high
  from wilson
),

-- Method 1: periods after the start with a comparison value.
by_comparison as (
  select
    intervention_id,
    count(*) as comparison_periods,
    avg(d * (value - comparison)) as comparison_effect,
    avg(comparison) as comparison_mean,
    case when count(value_low) = count(*) then
      avg(least(d * (value_low - comparison), d * (value_high - comparison)))
    end as comparison_low,
    case when count(value_low) = count(*) then
      avg(greatest(d * (value_low - comparison), d * (value_high - comparison)))
    end as comparison_high,
    list(period order by period_end, period_start) as comparison_period_list
  from measured
  where is_after and comparison is not null
  group by intervention_id
),

-- Method 2: the latest value after the start ...
latest as (
  select
    intervention_id,
    period as latest_period,
    value as latest_value,
    value_low as latest_low,
    value_high as latest_high
  from measured
  where is_after
  qualify row_number() over (
    partition by intervention_id order by period_end desc, period_start desc
  ) = 1
),

-- ... against the baseline column (from the latest row that gives one) ...
baseline_column as (
  select intervention_id, period as baseline_column_period, baseline as baseline_column
  from measured
  where baseline is not null
  qualify row_number() over (
    partition by intervention_id order by period_end desc, period_start desc
  ) = 1
),

-- ... or else the last value before the start.
before_start as (
  select
    intervention_id,
    period as before_period,
    value as before_value,
    value_low as before_low,
    value_high as before_high
  from measured
  where is_before
  qualify row_number() over (
    partition by intervention_id order by period_end desc, period_start desc
  ) = 1
),

-- Too early: the start lies after the start of the latest period reported for the indicator
-- (or, when the indicator has no rows, for any indicator) in this municipality.
indicator_latest as (
  select indicator, max(period_start) as latest_period_start
  from outcomes
  group by indicator
),

any_latest as (
  select max(period_start) as latest_period_start
  from outcomes
),

final as (
  select
    p.intervention_id,
    p.name,
    p.programme,
    p.stage,
    coalesce(p.evidence_level, 'none') as evidence_level,
    p.start_date,
    p.indicator,
    p.participants,
    dr.d,
    dr.indicator_unit,
    dr.value_per_unit,
    coalesce(c.comparison_periods, 0) as comparison_periods,
    c.comparison_effect,
    c.comparison_mean,
    c.comparison_low,
    c.comparison_high,
    coalesce(c.comparison_period_list, []) as comparison_period_list,
    l.latest_period,
    l.latest_value,
    l.latest_low,
    l.latest_high,
    b.baseline_column_period,
    b.baseline_column,
    s.before_period,
    s.before_value,
    s.before_low,
    s.before_high,
    coalesce(il.latest_period_start, al.latest_period_start) as reference_period_start
  from programmes as p
  join directed as dr on dr.intervention_id = p.intervention_id
  left join by_comparison as c on c.intervention_id = p.intervention_id
  left join latest as l on l.intervention_id = p.intervention_id
  left join baseline_column as b on b.intervention_id = p.intervention_id
  left join before_start as s on s.intervention_id = p.intervention_id
  left join indicator_latest as il on il.indicator = p.indicator
  cross join any_latest as al
)

select * from final
order by intervention_id
