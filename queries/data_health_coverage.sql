-- The years and municipalities the budget and outcome rows cover at data version $version:
-- one row per (kind, dimension, value). An outcome counts for the year its period starts in;
-- a row without a municipality belongs to the home municipality $home (not listed when
-- none is set).
-- $version $home
with

budget as (
  select year, coalesce(municipality, $home) as municipality from budget_at($version)
),

outcomes as (
  select
    year(period_start) as year,
    coalesce(municipality, $home) as municipality
  from outcomes_at($version)
),

final as (
  select 'budget' as kind, 'year' as dimension, cast(year as varchar) as value from budget
  union
  select 'budget', 'municipality', municipality from budget where municipality is not null
  union
  select 'outcomes', 'year', cast(year as varchar) from outcomes where year is not null
  union
  select 'outcomes', 'municipality', municipality from outcomes where municipality is not null
)

select kind, dimension, value from final
order by kind, dimension, value
