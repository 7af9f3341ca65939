-- Every stored row behind one intervention's figures at data version $version, each with
-- the dataset version that brought it (valid_from) and the one that replaced it (valid_to):
-- its register row, its indicator's metadata, its own outcome rows on that indicator
-- (all areas and periods), when $with_peers the municipality-level rows of every
-- municipality on that indicator (the peers design), and, when $year is not null, its budget rows of that year (all
-- years when null). Outcome and budget rows without a municipality belong to the home
-- municipality $home. The *_at() macros do not return valid_from, so this query reads the
-- row tables with the same predicate the macros use.
-- $version $intervention_id $municipality $home $year $with_peers
with

programme as (
  select 'programmes' as source, valid_from, valid_to, to_json(p) as row_json, 1 as source_order
  from programme_rows as p
  where valid_from <= $version and (valid_to is null or valid_to > $version)
    and intervention_id = $intervention_id
),

indicator as (
  select 'indicators' as source, i.valid_from, i.valid_to, to_json(i) as row_json, 2 as source_order
  from indicator_rows as i
  join programme as pr on i.indicator = json_extract_string(pr.row_json, '$.indicator')
  where i.valid_from <= $version and (i.valid_to is null or i.valid_to > $version)
),

outcome as (
  select 'outcomes' as source, o.valid_from, o.valid_to, to_json(o) as row_json, 3 as source_order
  from outcome_rows as o
  join programme as pr on o.indicator = json_extract_string(pr.row_json, '$.indicator')
  where o.valid_from <= $version and (o.valid_to is null or o.valid_to > $version)
    and (
      (o.intervention_id = $intervention_id
        and coalesce(o.municipality, $home) is not distinct from $municipality)
      or (o.intervention_id is null and o.area is null and $with_peers)
    )
),

budget as (
  select 'budget' as source, b.valid_from, b.valid_to, to_json(b) as row_json, 4 as source_order
  from budget_rows as b
  where b.valid_from <= $version and (b.valid_to is null or b.valid_to > $version)
    and b.intervention_id = $intervention_id
    and coalesce(b.municipality, $home) is not distinct from $municipality
    and ($year is null or b.year = $year)
),

final as (
  select * from programme
  union all
  select * from indicator
  union all
  select * from outcome
  union all
  select * from budget
)

select source, valid_from, valid_to, row_json from final
order by source_order, row_json
