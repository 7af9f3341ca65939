-- The id the next decision gets.
select coalesce(max(decision_id), 0) + 1 as decision_id from decisions
