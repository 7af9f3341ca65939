-- What version $version changed, per table: rows current before it (after version
-- $version - 1), rows it added (valid_from = $version), rows it closed (valid_to = $version)
-- and rows current after it. A table it did not touch shows 0 added and 0 removed.
-- $version
with

all_rows as (
  select 'budget' as kind, valid_from, valid_to from budget_rows
  union all
  select 'programmes', valid_from, valid_to from programme_rows
  union all
  select 'outcomes', valid_from, valid_to from outcome_rows
  union all
  select 'indicators', valid_from, valid_to from indicator_rows
),

final as (
  select
    kind,
    count(*) filter (
      where valid_from <= $version - 1 and (valid_to is null or valid_to > $version - 1)
    ) as rows_before,
    count(*) filter (where valid_from = $version) as added,
    count(*) filter (where valid_to = $version) as removed,
    count(*) filter (
      where valid_from <= $version and (valid_to is null or valid_to > $version)
    ) as rows_after
  from all_rows
  group by kind
)

select kind, rows_before, added, removed, rows_after from final
order by kind
