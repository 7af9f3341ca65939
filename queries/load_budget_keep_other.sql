-- The incoming budget rows with the amount the file does not carry kept from the current
-- rows of the same municipality × year (the contract: a file with only one of the two
-- amounts replaces only that amount). $keep: the amount kept, 'budgeted' or 'actual'.
-- A kept amount joins the first incoming row of its line; a line the file does not have
-- stays with the kept amount alone. The sums of both amounts stay exact.
-- {table}: the budget rows; {columns}: the columns that name a line (all but the amounts);
-- {match}: those columns of t (a kept line) and i (an incoming row) equal.
create or replace temp table incoming_kept as
with

kept as (
  select {columns}, sum(case $keep when 'budgeted' then t.budgeted else t.actual end) as kept
  from {table} t
  where t.valid_to is null
    and exists (
      select 1 from incoming i where i.municipality = t.municipality and i.year = t.year
    )
  group by all
  having kept is not null
),

numbered as (
  select *, row_number() over (partition by {columns}) as line_number
  from incoming
),

first_rows as (
  select
    i.* exclude (line_number, budgeted, actual),
    case $keep
      when 'budgeted' then (select t.kept from kept t where {match})
      else i.budgeted
    end as budgeted,
    case $keep
      when 'actual' then (select t.kept from kept t where {match})
      else i.actual
    end as actual
  from numbered i
  where i.line_number = 1
),

other_rows as (
  select * exclude (line_number) from numbered where line_number > 1
),

kept_alone as (
  select
    t.* exclude (kept),
    case $keep when 'budgeted' then t.kept end as budgeted,
    case $keep when 'actual' then t.kept end as actual
  from kept t
  where not exists (select 1 from numbered i where {match})
),

final as (
  select * from first_rows
  union all by name
  select * from other_rows
  union all by name
  select * from kept_alone
)

select * from final
