-- The decision log as of dataset version $version: every decision recorded up to that
-- version (only those on $intervention_id when it is not null), newest first, with the
-- decision that corrects it when that was recorded up to $version too, and the
-- intervention's name in the register of $version.
-- $version $intervention_id
with

logged as (
  select
    decision_id, version_id, intervention_id, decision, decided_on, decided_by, reason,
    view_name, data_version, municipality, effect_class, method, effect, effect_low,
    effect_high, indicator, unit, supersedes, recorded_at
  from decisions
  where version_id <= $version
    and ($intervention_id is null or intervention_id = $intervention_id)
),

corrections as (
  select supersedes as decision_id, min(decision_id) as superseded_by
  from decisions
  where version_id <= $version and supersedes is not null
  group by supersedes
),

register as (
  select intervention_id, name from programmes_at($version)
),

final as (
  select l.*, c.superseded_by, r.name
  from logged as l
  left join corrections as c on c.decision_id = l.decision_id
  left join register as r on r.intervention_id = l.intervention_id
)

select * from final
order by decision_id desc
