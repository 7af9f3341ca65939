-- What version $version changed, per table: rows current before it (after version
-- $version - 1), rows it added (valid_from = $version), rows it closed (valid_to = $version)
-- and rows current after it. A table it did not touch shows 0 added and 0 removed.
-- $version
with

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
  from row_versions
  group by kind
)

select kind, rows_before, added, removed, rows_after from final
order by kind
