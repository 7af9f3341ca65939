-- The stored direction of each indicator: the indicators table wins over outcome rows.
WITH from_outcomes AS (
  SELECT indicator, bool_and(higher_is_better) AS higher_is_better
  FROM outcomes
  GROUP BY indicator
  HAVING count(DISTINCT higher_is_better) = 1
),
final AS (
  SELECT coalesce(i.indicator, o.indicator) AS indicator,
         coalesce(i.higher_is_better, o.higher_is_better) AS higher_is_better
  FROM from_outcomes o
  FULL JOIN indicators i USING (indicator)
)
SELECT indicator, higher_is_better FROM final WHERE higher_is_better IS NOT NULL
