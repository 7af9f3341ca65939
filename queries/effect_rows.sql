-- The measured rows behind each intervention's effect at data version $version: for every
-- intervention in the register (or $intervention_id alone) with a primary indicator, the
-- outcome figures on that indicator without an area, as three series:
--   own   - the intervention's own rows (intervention_id given) in municipality $municipality;
--   home  - the municipality-level rows (no intervention_id) of $municipality;
--   peers - one row per period: the mean of every other municipality's municipality-level
--           value, how many there are, the sums of their squared 95% half-widths below and
--           above (NULL unless every peer value has an interval); their names are in
--           peer_names.sql (once per set, not on each of these rows).
-- Rows without a municipality belong to the home municipality $home. Each row is placed
-- before or after the intervention's start (a period that straddles the start is neither;
-- with no start date every period counts as after).
-- A value's 95% interval (value_low/value_high, comparison_low/comparison_high): its ci
-- columns when both are given; else, for a proportion with n, the Wilson score interval with
-- the normal quantile $z. A proportion: a unit in $percent_units with a value in 0-100, or a
-- unit (or none) in $fraction_units with a value in 0-1 (the lists are whatworks'
-- analytics.effects.PROPORTION_*_UNITS, lower case).
-- $version $municipality $home $intervention_id $z $percent_units $fraction_units
with

programmes as (
  select intervention_id, start_date, indicator
  from programmes_at($version)
  where indicator is not null
    and ($intervention_id is null or intervention_id = $intervention_id)
),

indicators as (
  select indicator, unit
  from indicators_at($version)
),

outcomes as (
  select
    o.indicator, o.intervention_id, coalesce(o.municipality, $home) as municipality, o.period,
    o.period_start, o.period_end, o.value, o.comparison, o.baseline, o.ci_low, o.ci_high, o.n,
    o.comparison_ci_low, o.comparison_ci_high, o.comparison_n,
    lower(trim(coalesce(o.unit, i.unit, ''))) as unit
  from outcomes_at($version) as o
  left join indicators as i on i.indicator = o.indicator
  where o.area is null
    and o.indicator in (select indicator from programmes)
),

-- Each row's scale for the Wilson interval: 100 for a percentage, 1 for a fraction, else
-- none; for the value and, when there is one, the comparison.
scaled as (
  select
    *,
    case
      when list_contains($percent_units, unit) and value between 0 and 100 then 100.0
      when list_contains($fraction_units, unit) and value between 0 and 1 then 1.0
    end as value_scale,
    case
      when list_contains($percent_units, unit) and comparison between 0 and 100 then 100.0
      when list_contains($fraction_units, unit) and comparison between 0 and 1 then 1.0
    end as comparison_scale
  from outcomes
),

-- The value's and the comparison's 95% intervals, on the row itself (a row is identified by
-- indicator, intervention, municipality and period, unique by the contract once the area is
-- empty, so no join is needed): the given bounds, else the Wilson interval; the comparison's
-- only when there is a comparison. The two arms are the same expression on their columns.
measured as (
  select
    indicator, intervention_id, municipality, period, period_start, period_end,
    value,
    case
      when ci_low is not null and ci_high is not null then ci_low
      when value_scale is not null and n > 0 then value_scale * (
        (value / value_scale + $z * $z / (2 * n))
        - $z * sqrt((value / value_scale) * (1 - value / value_scale) / n + $z * $z / (4 * n * n))
      ) / (1 + $z * $z / n)
    end as value_low,
    case
      when ci_low is not null and ci_high is not null then ci_high
      when value_scale is not null and n > 0 then value_scale * (
        (value / value_scale + $z * $z / (2 * n))
        + $z * sqrt((value / value_scale) * (1 - value / value_scale) / n + $z * $z / (4 * n * n))
      ) / (1 + $z * $z / n)
    end as value_high,
    comparison,
    case
      when comparison is null then null
      when comparison_ci_low is not null and comparison_ci_high is not null then comparison_ci_low
      when comparison_scale is not null and comparison_n > 0 then comparison_scale * (
        (comparison / comparison_scale + $z * $z / (2 * comparison_n))
        - $z * sqrt(
          (comparison / comparison_scale) * (1 - comparison / comparison_scale) / comparison_n
          + $z * $z / (4 * comparison_n * comparison_n)
        )
      ) / (1 + $z * $z / comparison_n)
    end as comparison_low,
    case
      when comparison is null then null
      when comparison_ci_low is not null and comparison_ci_high is not null then comparison_ci_high
      when comparison_scale is not null and comparison_n > 0 then comparison_scale * (
        (comparison / comparison_scale + $z * $z / (2 * comparison_n))
        + $z * sqrt(
          (comparison / comparison_scale) * (1 - comparison / comparison_scale) / comparison_n
          + $z * $z / (4 * comparison_n * comparison_n)
        )
      ) / (1 + $z * $z / comparison_n)
    end as comparison_high,
    baseline, n
  from scaled
),

-- Every other municipality's municipality-level values, one row per indicator and period.
peer_means as (
  select
    indicator,
    period,
    min(period_start) as period_start,
    max(period_end) as period_end,
    avg(value) as value,
    count(*) as peer_count,
    case when count(value_low) = count(*) then sum((value - value_low) ** 2) end as peer_below_sq,
    case when count(value_high) = count(*) then sum((value_high - value) ** 2) end as peer_above_sq
  from measured
  where intervention_id is null
    and municipality is not null
    and municipality is distinct from $municipality
  group by indicator, period
),

own_and_home as (
  select
    p.intervention_id,
    case when m.intervention_id is null then 'home' else 'own' end as series,
    m.municipality, m.period, m.period_start, m.period_end,
    m.value, m.value_low, m.value_high, m.comparison, m.comparison_low, m.comparison_high,
    m.baseline, m.n,
    coalesce(p.start_date is null or m.period_start >= p.start_date, false) as is_after,
    coalesce(m.period_end < p.start_date, false) as is_before,
    null::bigint as peer_count,
    null::double as peer_below_sq,
    null::double as peer_above_sq
  from programmes as p
  join measured as m
    on m.indicator = p.indicator
    and (m.intervention_id = p.intervention_id or m.intervention_id is null)
    and m.municipality is not distinct from $municipality
),

peers as (
  select
    p.intervention_id,
    'peers' as series,
    null::varchar as municipality,
    m.period, m.period_start, m.period_end,
    m.value,
    null::double as value_low,
    null::double as value_high,
    null::double as comparison,
    null::double as comparison_low,
    null::double as comparison_high,
    null::double as baseline,
    null::integer as n,
    coalesce(p.start_date is null or m.period_start >= p.start_date, false) as is_after,
    coalesce(m.period_end < p.start_date, false) as is_before,
    m.peer_count, m.peer_below_sq, m.peer_above_sq
  from programmes as p
  join peer_means as m on m.indicator = p.indicator
),

final as (
  select * from own_and_home
  union all by name
  select * from peers
)

select * from final
order by intervention_id, series, municipality, period_end, period_start
