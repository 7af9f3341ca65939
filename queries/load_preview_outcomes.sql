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

replaced as (
  -- A current row the file replaces meets the one file row with its keys (keys are unique
  -- in a valid file): a join, which builds its hash table on the smaller side.
  select t.indicator, t.period, count(*) as lines
  from current_rows t
  join incoming i on {match}
  group by all
),

counted as (
  select indicator, period, count(*) as lines from current_rows group by all
),

final as (
  select
    c.indicator,
    c.period,
    coalesce(r.lines, 0) as replaced_lines,
    coalesce(m.lines, 0) - coalesce(r.lines, 0) as kept_lines,
    c.lines as new_lines
  from cells c
  left join counted m on m.indicator = c.indicator and m.period = c.period
  left join replaced r on r.indicator = c.indicator and r.period = c.period
)

select * from final order by indicator, period
