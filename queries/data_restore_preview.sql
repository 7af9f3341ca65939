-- What restoring version $version would do, per table: rows current now, rows current after
-- $version (what the table will hold), current rows the restore closes (added after
-- $version) and rows it brings back (current at $version, closed since). Mirrors
-- restore_count_close.sql and restore_count_reopen.sql.
-- $version
with

final as (
  select
    kind,
    count(*) filter (where valid_to is null) as rows_now,
    count(*) filter (
      where valid_from <= $version and (valid_to is null or valid_to > $version)
    ) as rows_then,
    count(*) filter (where valid_to is null and valid_from > $version) as closed,
    count(*) filter (
      where valid_from <= $version and valid_to is not null and valid_to > $version
    ) as reopened
  from row_versions
  group by kind
)

select kind, rows_now, rows_then, closed, reopened from final
order by kind
