-- bench (b): active conflicts by year and region, GED basis — the `ged` part of the
-- indicator ucdp.conflicts.active, measure active_conflicts, without the split by type:
-- distinct conflict_new_id among events with active_year, per year × UCDP region, plus
-- 'World' (a conflict in several regions counts in each and once for the World).
-- Run unchanged by eirene (DataFusion) and DuckDB; bench/indicators_pandas.py does the same.
WITH ged AS (
    -- As the indicator does: distinct keys first, so the counts run over thousands of rows.
    SELECT DISTINCT year, region, conflict_new_id
    FROM ged_events
    WHERE active_year
)
-- The World rows are the grouping set without the region (never null in the store). (A UNION ALL of a World branch and a
-- regional branch reads `ged` twice: DataFusion inlines a CTE wherever it is used, so that
-- scanned every event twice.)
SELECT
    year,
    COALESCE(region, 'World') AS region,
    COUNT(DISTINCT conflict_new_id) AS active_conflicts
FROM ged
GROUP BY GROUPING SETS ((year, region), (year))
ORDER BY year, region
