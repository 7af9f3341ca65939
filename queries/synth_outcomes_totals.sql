-- What the synthetic outcomes file holds, for the manifest: rows, the sum of the values,
-- the rows of the interventions and of the comparison groups.
-- $rows, $seed, $places, $indicators: as for synth_outcomes_copy.
SELECT
  count(*) AS rows,
  sum(value) AS value_sum,
  count(intervention_id) AS intervention_rows,
  count(comparison) AS comparison_rows
FROM synth_outcomes($rows, $seed, $places, $indicators);
