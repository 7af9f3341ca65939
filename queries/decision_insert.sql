-- Append one decision to the log; rows of the log are never updated or deleted afterwards.
-- $decision_id $version_id $intervention_id $decision $decided_on $decided_by $reason
-- $view_name $data_version $municipality $effect_class $method $effect $effect_low
-- $effect_high $indicator $unit $supersedes $recorded_at
insert into decisions (
  decision_id, version_id, intervention_id, decision, decided_on, decided_by, reason,
  view_name, data_version, municipality, effect_class, method, effect, effect_low,
  effect_high, indicator, unit, supersedes, recorded_at
) values (
  $decision_id, $version_id, $intervention_id, $decision, $decided_on, $decided_by, $reason,
  $view_name, $data_version, $municipality, $effect_class, $method, $effect, $effect_low,
  $effect_high, $indicator, $unit, $supersedes, $recorded_at
)
