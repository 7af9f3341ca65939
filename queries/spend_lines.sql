-- Budgeted and actual spend per year, currency, budget programme and intervention at data
-- version $version for municipality $municipality, beside the intervention's register
-- entry. Rows without a municipality belong to the home municipality $home; rows without a
-- currency are in the default currency $default_currency (null when unset). $year and
-- $intervention_id narrow the result when not null. Sums never mix currencies.
-- $version $municipality $home $default_currency $year $intervention_id
with

budget as (
  select
    year,
    programme,
    intervention_id,
    coalesce(currency, $default_currency) as currency,
    budgeted,
    actual
  from budget_at($version)
  where coalesce(municipality, $home) is not distinct from $municipality
    and ($year is null or year = $year)
    and ($intervention_id is null or intervention_id = $intervention_id)
),

register as (
  select intervention_id, name, programme, stage, evidence_level, participants
  from programmes_at($version)
),

totals as (
  select
    year,
    currency,
    programme,
    intervention_id,
    sum(budgeted) as budgeted,
    sum(actual) as actual
  from budget
  group by year, currency, programme, intervention_id
),

final as (
  select
    t.year,
    t.currency,
    t.programme,
    t.intervention_id,
    t.budgeted,
    t.actual,
    r.intervention_id is not null as in_register,
    r.name,
    r.programme as register_programme,
    r.stage,
    coalesce(r.evidence_level, 'none') as evidence_level,
    r.participants
  from totals as t
  left join register as r on r.intervention_id = t.intervention_id
)

select * from final
order by year, currency nulls last, programme, intervention_id nulls last
