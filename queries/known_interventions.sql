-- Intervention ids in the current register.
SELECT intervention_id FROM programmes
