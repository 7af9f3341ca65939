-- Rows per kind of table in one data version, in the contract's order of kinds.
-- $version
select 'budget' as kind, 1 as position, count(*) as row_count from budget_at($version)
union all
select 'programmes', 2, count(*) from programmes_at($version)
union all
select 'outcomes', 3, count(*) from outcomes_at($version)
union all
select 'indicators', 4, count(*) from indicators_at($version)
order by position
