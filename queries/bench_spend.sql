-- Actual spend per municipality, budget programme and currency in year $year at data version
-- $version. Rows without a municipality belong to the home municipality $home; rows without a
-- currency are in $default_currency (null when unset). Sums never mix currencies.
-- $version $year $home $default_currency
with

budget as (
  select
    coalesce(municipality, $home) as municipality,
    programme,
    coalesce(currency, $default_currency) as currency,
    actual
  from budget_at($version)
  where year = $year
),

final as (
  select municipality, programme, currency, sum(actual) as actual
  from budget
  where municipality is not null
  group by municipality, programme, currency
)

select * from final
order by municipality, currency nulls last, programme
