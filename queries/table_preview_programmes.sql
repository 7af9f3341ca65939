-- The first rows of the programme register of one data version, by programme.
-- $version $limit
select *
from programmes_at($version)
order by programme, intervention_id
limit $limit
