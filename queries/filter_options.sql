-- The values the shared filters offer in one data version: one row per (dimension, value).
-- Years and programmes come from the budget and the register; municipalities from budget
-- and outcomes (an empty municipality is the home municipality and is not listed).
-- $version
with

budget as (
  select year, programme, municipality from budget_at($version)
),

register as (
  select programme from programmes_at($version)
),

measured as (
  select municipality from outcomes_at($version)
),

final as (
  select 'year' as dimension, cast(year as varchar) as value from budget
  union
  select 'programme', programme from budget
  union
  select 'programme', programme from register
  union
  select 'municipality', municipality from budget where municipality is not null
  union
  select 'municipality', municipality from measured where municipality is not null
)

select dimension, value from final
order by dimension, value
