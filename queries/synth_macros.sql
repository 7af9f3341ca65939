-- The synthetic outcomes of `python -m whatworks synth` (whatworks/synth.py), as a table
-- macro over range(): DuckDB writes tens of millions of rows in seconds, in constant memory.
-- Pseudo-random numbers are a Lehmer generator on the row number (deterministic on every
-- machine and DuckDB version, unlike hash()). Read whole by synth.write on a private
-- connection; the two queries that use it bind the row count, seed, places and indicators.

-- A uniform number in [0, 1) from an integer and a salt.
CREATE OR REPLACE TEMP MACRO synth_u(i, salt) AS (
  ((((i * 48271 + salt * 69621 + 1) % 2147483647) * 48271 % 2147483647) * 16807 % 2147483647)
    / 2147483647.0
);

-- Rows 0 .. t-1: each intervention of the home municipality (places[1]) measured once a year
-- for ten years beside its comparison group; the rest: every indicator of every municipality
-- by month, first at municipality level, then by district (area 'District a'). No ORDER BY:
-- a projection of range() keeps its order (DuckDB preserves insertion order), without a sort.
CREATE OR REPLACE TEMP MACRO synth_outcomes(rows, seed, places, indicators) AS TABLE
WITH grid AS (
  SELECT
    j,
    least(3000, rows // 10) AS t,
    j - least(3000, rows // 10) AS g
  FROM range(rows) r(j)
),
cells AS (
  SELECT
    j,
    j < t AS own,
    CASE WHEN j < t THEN j // 10 END AS intervention,
    CASE WHEN j < t THEN (j // 10) % 29 + 1 ELSE g % 30 END AS k,
    CASE WHEN j < t THEN 0 ELSE (g // 30) % len(places) END AS m,
    CASE WHEN j < t THEN (j % 10) * 12 ELSE (g // (30 * len(places))) % 120 END AS p,
    CASE WHEN j < t THEN 0 ELSE g // (3600 * len(places)) END AS a
  FROM grid
),
valued AS (
  SELECT
    *,
    5000 + 600000 * pow(synth_u(m, seed + 7), 6) AS size,
    5 + 3 * k AS base,
    synth_u(j, seed) + synth_u(j, seed + 1) + synth_u(j, seed + 2) - 1.5 AS noise,
    (synth_u(intervention, seed + 3) - 0.4) * (5 + 3 * k) * 0.15 AS effect,
    2016 + p // 12 >= 2018 + intervention % 5 AS running
  FROM cells
),
final AS (
  SELECT
    j,
    indicators[k + 1] AS indicator,
    CASE
      WHEN own THEN (2016 + p // 12)::VARCHAR
      ELSE (2016 + p // 12)::VARCHAR || '-' || lpad((p % 12 + 1)::VARCHAR, 2, '0')
    END AS period,
    CASE
      WHEN k = 0 THEN round(size * (1 + 0.002 * p) / (CASE WHEN a = 0 THEN 1 ELSE 8 END))
      WHEN own THEN base * (1 + 0.05 * noise) + CASE WHEN running THEN effect ELSE 0 END
      ELSE base * (1 + 0.3 * (synth_u(m, seed + k) - 0.5)) * (1 - 0.001 * p) + 0.5 * noise
    END::DECIMAL(18, 2) AS value,
    CASE WHEN own THEN 'I-' || lpad(intervention::VARCHAR, 3, '0') END AS intervention_id,
    places[m + 1] AS municipality,
    CASE WHEN a > 0 THEN 'District ' || a::VARCHAR END AS area,
    CASE WHEN a = 0 THEN CASE WHEN k = 0 THEN 'inhabitants' ELSE '%' END END AS unit,
    CASE WHEN a = 0 AND k > 0 THEN k % 3 <> 0 END AS higher_is_better,
    CASE
      WHEN own AND synth_u(j, seed + 4) >= 0.15 THEN (base * (1 + 0.05 * noise))::DECIMAL(18, 2)
    END AS comparison,
    CASE WHEN own THEN (50 + 450 * synth_u(intervention, seed + 5))::INTEGER END AS n,
    base
  FROM valued
)
SELECT
  indicator,
  period,
  value,
  intervention_id,
  municipality,
  area,
  unit,
  higher_is_better,
  comparison,
  CASE WHEN n IS NOT NULL THEN (value - 0.5 * base / sqrt(n))::DECIMAL(18, 2) END AS ci_low,
  CASE WHEN n IS NOT NULL THEN (value + 0.5 * base / sqrt(n))::DECIMAL(18, 2) END AS ci_high,
  n,
  CASE WHEN comparison IS NOT NULL THEN n * 3 END AS comparison_n
FROM final;
