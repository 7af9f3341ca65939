-- The number of interventions in the register per stage at data version $version.
-- $version
with

register as (
  select coalesce(stage, 'pilot') as stage from programmes_at($version)
),

final as (
  select stage, count(*) as interventions from register group by stage
)

select stage, interventions from final
order by stage
