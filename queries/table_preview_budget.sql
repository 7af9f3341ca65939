-- The first budget rows of one data version, newest year first.
-- $version $limit
select *
from budget_at($version)
order by year desc, municipality nulls first, programme, intervention_id nulls first,
  programme_code nulls first, budgeted, actual
limit $limit
