-- bench (c): year-on-year change of world deaths (best estimate) per type of violence.
-- change and change_pct compare with the year before (year - 1); they are null for the
-- first year of a type, when year - 1 has no events of that type, and (change_pct) when
-- the year before had 0 deaths.
-- Run unchanged by eirene (DataFusion) and DuckDB; bench/indicators_pandas.py does the same.
WITH world AS (
    SELECT
        year,
        CASE type_of_violence
            WHEN 1 THEN 'state-based'
            WHEN 2 THEN 'non-state'
            WHEN 3 THEN 'one-sided'
        END AS type,
        SUM(best) AS best
    FROM ged_events
    GROUP BY year, type_of_violence
),
lagged AS (
    SELECT
        year,
        type,
        best,
        LAG(year) OVER (PARTITION BY type ORDER BY year) AS prev_year,
        LAG(best) OVER (PARTITION BY type ORDER BY year) AS prev_best
    FROM world
)
SELECT
    year,
    type,
    best,
    CASE WHEN prev_year = year - 1 THEN best - prev_best END AS change,
    CASE WHEN prev_year = year - 1 AND prev_best <> 0
         THEN CAST(best - prev_best AS DOUBLE) * 100.0 / prev_best
    END AS change_pct
FROM lagged
ORDER BY type, year
