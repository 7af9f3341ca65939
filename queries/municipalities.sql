-- The municipalities named in the budget and outcome rows at data version $version.
-- $version
with

named as (
  select municipality from budget_at($version)
  union
  select municipality from outcomes_at($version)
),

final as (
  select municipality from named where municipality is not null
)

select municipality from final
order by municipality
