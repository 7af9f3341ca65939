-- What a budget load replaces and keeps, per municipality × year and per amount the file
-- carries: current lines and money of that amount (replaced), of the other amount (kept),
-- the file's lines and money, and the year's total before and after.
-- incoming: the validated rows (a view of the staging connection, where the store's current
-- generation is attached read-only); $amounts: the amounts the file carries.
-- {table}: the budget rows.
with

incoming_amounts as (
  select municipality, year, budgeted, actual from incoming
),

years as (
  select distinct municipality, year from incoming_amounts
),

current_rows as (
  select t.municipality, t.year, t.budgeted, t.actual
  from {table} t
  join years y on t.municipality = y.municipality and t.year = y.year
  where t.valid_to is null
),

current_long as (
  select municipality, year, 'budgeted' as amount, budgeted as value from current_rows
  union all
  select municipality, year, 'actual' as amount, actual as value from current_rows
),

incoming_long as (
  select municipality, year, 'budgeted' as amount, budgeted as value from incoming_amounts
  union all
  select municipality, year, 'actual' as amount, actual as value from incoming_amounts
),

carried as (
  select unnest($amounts) as amount
),

replaced as (
  select municipality, year, amount, count(value) as lines, coalesce(sum(value), 0) as money
  from current_long
  where amount in (select amount from carried)
  group by all
),

kept as (
  select municipality, year, count(value) as lines, coalesce(sum(value), 0) as money
  from current_long
  where amount not in (select amount from carried)
  group by all
),

loaded as (
  select municipality, year, amount, count(value) as lines, coalesce(sum(value), 0) as money
  from incoming_long
  where amount in (select amount from carried)
  group by all
),

final as (
  select
    y.municipality,
    y.year::varchar as period,
    c.amount,
    coalesce(r.lines, 0) as replaced_lines,
    coalesce(r.money, 0) as replaced_money,
    coalesce(k.lines, 0) as kept_lines,
    coalesce(k.money, 0) as kept_money,
    coalesce(l.lines, 0) as new_lines,
    coalesce(r.money, 0) as total_before,
    coalesce(l.money, 0) as total_after,
    coalesce(l.money, 0) - coalesce(r.money, 0) as change
  from years y
  cross join carried c
  left join replaced r on r.municipality = y.municipality and r.year = y.year and r.amount = c.amount
  left join kept k on k.municipality = y.municipality and k.year = y.year
  left join loaded l on l.municipality = y.municipality and l.year = y.year and l.amount = c.amount
)

select * from final order by municipality, period, amount desc
