-- The register side of each intervention's effect, one row per intervention in the register
-- at data version $version (all interventions when $intervention_id is null): what it is,
-- its primary indicator with the indicator's direction, unit and money figures, its design
-- and prior, and the reference period that decides "too early". The measured rows are in
-- effect_rows.sql; whatworks.analytics.effects decides the method (docs/effects.md).
-- $version $municipality $home $intervention_id
with

programmes as (
  select
    intervention_id, name, programme, stage, evidence_level, start_date, indicator,
    participants, design, expected_effect, expected_effect_se
  from programmes_at($version)
  where $intervention_id is null or intervention_id = $intervention_id
),

indicators as (
  select
    indicator, unit, higher_is_better, value_per_unit, value_per_unit_low,
    value_per_unit_high, benefit_years, persistence
  from indicators_at($version)
),

outcomes as (
  select indicator, period_start, period_end, higher_is_better
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
    p.design,
    p.expected_effect,
    p.expected_effect_se,
    case when coalesce(i.higher_is_better, r.higher_is_better, true) then 1 else -1 end as d,
    i.unit as indicator_unit,
    i.value_per_unit,
    i.value_per_unit_low,
    i.value_per_unit_high,
    i.benefit_years,
    i.persistence,
    coalesce(il.latest_period_start, al.latest_period_start) as reference_period_start
  from programmes as p
  left join indicators as i on i.indicator = p.indicator
  left join row_direction as r on r.indicator = p.indicator
  left join indicator_latest as il on il.indicator = p.indicator
  cross join any_latest as al
)

select * from final
order by intervention_id
