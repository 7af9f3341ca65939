-- What each intervention in the register at data version $version measures: its stage, start
-- date and primary indicator, and how many of its own outcome rows on that indicator (in
-- municipality $municipality, rows without one belonging to $home; no area) there are in all
-- and since the start. A period counts as since the start as in intervention_effects.sql:
-- it begins on or after the start date, and every period does when there is no start date.
-- $version $municipality $home
with

register as (
  select intervention_id, coalesce(stage, 'pilot') as stage, start_date, indicator
  from programmes_at($version)
),

outcomes as (
  select indicator, intervention_id, period_start
  from outcomes_at($version)
  where area is null and coalesce(municipality, $home) is not distinct from $municipality
),

counted as (
  select
    r.intervention_id,
    count(o.indicator) as rows_total,
    count(o.indicator) filter (
      where coalesce(r.start_date is null or o.period_start >= r.start_date, false)
    ) as rows_since_start
  from register as r
  left join outcomes as o
    on o.indicator = r.indicator and o.intervention_id = r.intervention_id
  group by r.intervention_id
),

final as (
  select r.intervention_id, r.stage, r.start_date, r.indicator, c.rows_total, c.rows_since_start
  from register as r
  join counted as c on c.intervention_id = r.intervention_id
)

select * from final
order by intervention_id
