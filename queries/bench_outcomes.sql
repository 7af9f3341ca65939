-- Municipality-level outcome figures (no intervention, no area; not the population) of year
-- $year at data version $version: per municipality and indicator the latest period that
-- starts in $year, with the indicator's unit and direction (the indicators table wins over
-- the row). Rows without a municipality belong to $home.
-- $version $year $home
with

indicators as (
  select indicator, unit, higher_is_better from indicators_at($version)
),

outcomes as (
  select
    coalesce(municipality, $home) as municipality,
    indicator, period, period_start, period_end, value, unit, higher_is_better
  from outcomes_at($version)
  where intervention_id is null
    and area is null
    and indicator <> 'population'
    and value is not null
    and year(period_start) = $year
),

latest as (
  select *
  from outcomes
  where municipality is not null
  qualify row_number() over (
    partition by municipality, indicator order by period_end desc, period_start desc
  ) = 1
),

final as (
  select
    l.municipality,
    l.indicator,
    l.period,
    l.value,
    coalesce(i.unit, l.unit) as unit,
    coalesce(i.higher_is_better, l.higher_is_better, true) as higher_is_better
  from latest as l
  left join indicators as i on i.indicator = l.indicator
)

select * from final
order by indicator, municipality
