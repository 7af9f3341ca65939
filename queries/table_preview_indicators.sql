-- The first rows of the indicator metadata of one data version.
-- $version $limit
select *
from indicators_at($version)
order by indicator
limit $limit
