-- Interventions in the register at data version $version that no budget line spends on:
-- no line with that intervention_id and a non-zero budgeted or actual amount, in any year
-- or municipality.
-- $version
with

register as (
  select intervention_id, name, programme from programmes_at($version)
),

spent as (
  select distinct intervention_id
  from budget_at($version)
  where intervention_id is not null
    and (coalesce(budgeted, 0) <> 0 or coalesce(actual, 0) <> 0)
),

final as (
  select r.intervention_id, r.name, r.programme
  from register as r
  anti join spent as s on s.intervention_id = r.intervention_id
)

select intervention_id, name, programme from final
order by intervention_id
