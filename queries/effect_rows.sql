-- The measured rows behind each intervention's effect at data version $version: for every
-- intervention in the register (or $intervention_id alone) with a primary indicator, the
-- outcome rows on that indicator without an area, as three series:
--   own  - the intervention's own rows (intervention_id given) in municipality $municipality;
--   home - the municipality-level rows (no intervention_id) of $municipality;
--   peer - the municipality-level rows of every other municipality.
-- Rows without a municipality belong to the home municipality $home. Each row is placed
-- before or after the intervention's start (a period that straddles the start is neither;
-- with no start date every period counts as after).
-- $version $municipality $home $intervention_id
with

programmes as (
  select intervention_id, start_date, indicator
  from programmes_at($version)
  where indicator is not null
    and ($intervention_id is null or intervention_id = $intervention_id)
),

indicators as (
  select indicator, unit
  from indicators_at($version)
),

outcomes as (
  select
    indicator, intervention_id, coalesce(municipality, $home) as municipality, period,
    period_start, period_end, value, comparison, baseline, ci_low, ci_high, n,
    comparison_ci_low, comparison_ci_high, comparison_n, unit
  from outcomes_at($version)
  where area is null
),

series as (
  select
    p.intervention_id,
    case
      when o.intervention_id is not distinct from p.intervention_id then 'own'
      when o.municipality is not distinct from $municipality then 'home'
      else 'peer'
    end as series,
    o.municipality,
    o.period, o.period_start, o.period_end, o.value, o.comparison, o.baseline,
    o.ci_low, o.ci_high, o.n, o.comparison_ci_low, o.comparison_ci_high, o.comparison_n,
    coalesce(o.unit, i.unit) as unit,
    coalesce(p.start_date is null or o.period_start >= p.start_date, false) as is_after,
    coalesce(o.period_end < p.start_date, false) as is_before
  from programmes as p
  join outcomes as o on o.indicator = p.indicator
  left join indicators as i on i.indicator = p.indicator
  where (o.intervention_id = p.intervention_id and o.municipality is not distinct from $municipality)
    or o.intervention_id is null
),

final as (
  select * from series
  where municipality is not null or series <> 'peer'
)

select * from final
order by intervention_id, series, municipality, period_end, period_start
