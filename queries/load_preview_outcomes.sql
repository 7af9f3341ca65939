-- What an outcomes load replaces and keeps, per indicator × period: current rows it replaces
-- (same indicator, period and scope), current rows of the same indicator × period it keeps
-- (another municipality, area or intervention), and the file's rows.
-- incoming: the validated rows (a view of the staging connection, where the store's
-- current generation is attached read-only).
-- {table}: the outcome rows; {match}: the replace keys of t and i.
with

cells as (
  select indicator, period, count(*) as lines from incoming group by all
),

current_rows as (
  select t.*
  from {table} t
  join cells c on t.indicator = c.indicator and t.period = c.period
  where t.valid_to is null
),

marked as (
  select t.indicator, t.period, exists (select 1 from incoming i where {match}) as replaced
  from current_rows t
),

counted as (
  select
    indicator,
    period,
    count(*) filter (where replaced) as replaced_lines,
    count(*) filter (where not replaced) as kept_lines
  from marked
  group by all
),

final as (
  select
    c.indicator,
    c.period,
    coalesce(m.replaced_lines, 0) as replaced_lines,
    coalesce(m.kept_lines, 0) as kept_lines,
    c.lines as new_lines
  from cells c
  left join counted m on m.indicator = c.indicator and m.period = c.period
)

select * from final order by indicator, period
