-- The peer municipalities behind the peers series of effect_rows.sql, fetched apart from it
-- and only for the indicators whose effect is estimated against peers ($indicators): for
-- each of those indicators and each period, the other municipalities (not $municipality)
-- with a municipality-level value without an area at data version $version, the rows
-- peer_means averages there. Names sorted, each once.
-- Rows without a municipality belong to the home municipality $home.
-- $version $municipality $home $indicators
with

outcomes as (
  select indicator, period, coalesce(municipality, $home) as municipality
  from outcomes_at($version)
  where area is null
    and intervention_id is null
    and list_contains($indicators, indicator)
),

final as (
  select indicator, period, list(distinct municipality order by municipality) as names
  from outcomes
  where municipality is not null
    and municipality is distinct from $municipality
  group by indicator, period
)

select * from final
order by indicator, period
