-- Each municipality's population for year $year at data version $version: the outcome
-- indicator 'population' at municipality level (no intervention, no area), from the latest
-- period that starts in $year or, when that year has none, in the latest earlier year
-- (population_year says which). Rows without a municipality belong to $home.
-- $version $year $home
with

population as (
  select
    coalesce(municipality, $home) as municipality,
    period,
    period_start,
    period_end,
    value
  from outcomes_at($version)
  where indicator = 'population'
    and intervention_id is null
    and area is null
    and value is not null
    and year(period_start) <= $year
),

final as (
  select municipality, period, year(period_start) as population_year, value as population
  from population
  where municipality is not null
  qualify row_number() over (
    partition by municipality order by period_end desc, period_start desc
  ) = 1
)

select * from final
order by municipality
