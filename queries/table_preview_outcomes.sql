-- The first outcome rows of one data version, by indicator and latest period first.
-- $version $limit
select *
from outcomes_at($version)
order by indicator, period desc, municipality nulls first, area nulls first,
  intervention_id nulls first
limit $limit
