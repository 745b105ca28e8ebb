-- ucdp.deaths: organised-violence deaths and events (UCDP GED) by world, UCDP region and
-- country, per year and type of violence; `all` sums the three types.
WITH events AS (
    SELECT
        g.year,
        g.region,
        c.iso3,
        g.country_id AS gw_code,
        g.country,
        CASE g.type_of_violence
            WHEN 1 THEN 'state-based'
            WHEN 2 THEN 'non-state'
            WHEN 3 THEN 'one-sided'
        END AS type,
        g.best,
        g.low,
        g.high,
        g.deaths_civilians
    FROM ged_events AS g
    LEFT JOIN countries AS c ON c.gw_code = g.country_id
),
typed AS (
    SELECT year, region, iso3, gw_code, country, type, best, low, high, deaths_civilians FROM events
    UNION ALL
    SELECT year, region, iso3, gw_code, country, 'all', best, low, high, deaths_civilians FROM events
),
totals AS (
    SELECT 'world' AS level, 'World' AS region, CAST(NULL AS VARCHAR) AS iso3,
           CAST(NULL AS INT) AS gw_code, CAST(NULL AS VARCHAR) AS country, year, type,
           COUNT(*) AS events, SUM(best) AS best, SUM(low) AS low, SUM(high) AS high,
           SUM(deaths_civilians) AS civilian_deaths
    FROM typed
    GROUP BY year, type
    UNION ALL
    SELECT 'region', region, CAST(NULL AS VARCHAR), CAST(NULL AS INT), CAST(NULL AS VARCHAR), year, type,
           COUNT(*), SUM(best), SUM(low), SUM(high), SUM(deaths_civilians)
    FROM typed
    GROUP BY region, year, type
    UNION ALL
    SELECT 'country', region, iso3, gw_code, MAX(country), year, type,
           COUNT(*), SUM(best), SUM(low), SUM(high), SUM(deaths_civilians)
    FROM typed
    GROUP BY region, iso3, gw_code, year, type
)
SELECT
    t.level, t.region, t.iso3, t.gw_code, t.country, t.year, t.type,
    t.events, t.best, t.low, t.high, t.civilian_deaths,
    CASE WHEN p.best IS NULL OR p.best = 0 THEN NULL
         ELSE ROUND(CAST(t.best - p.best AS DOUBLE) * 100.0 / p.best, 1)
    END AS best_change_pct
FROM totals AS t
LEFT JOIN totals AS p
    ON p.level = t.level
   AND p.region = t.region
   AND COALESCE(p.gw_code, -1) = COALESCE(t.gw_code, -1)
   AND p.type = t.type
   AND p.year = t.year - 1
