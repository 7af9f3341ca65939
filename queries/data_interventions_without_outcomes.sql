-- Interventions in the register at data version $version with no outcome row of their own
-- (no outcome row carries their intervention_id), with the indicator the register names
-- for them (empty: none named).
-- $version
with

register as (
  select intervention_id, name, indicator from programmes_at($version)
),

measured as (
  select distinct intervention_id
  from outcomes_at($version)
  where intervention_id is not null
),

final as (
  select r.intervention_id, r.name, r.indicator
  from register as r
  anti join measured as m on m.intervention_id = r.intervention_id
)

select intervention_id, name, indicator from final
order by intervention_id
