-- ucdp.deaths: organised-violence deaths and events (UCDP GED) by world, UCDP region and
-- country, per year and type of violence; `all` sums the three types.
-- One scan of the events, summed first on the keys every level is made of (year, region,
-- country, type): the GROUPING SETS then expand a few thousand rows instead of every event, and
-- the scan groups on integers and one short string. LAG gives the change against the year before
-- (null when that year has no row or no deaths).
WITH per_country AS (
    SELECT
        year, region, country_id, type_of_violence,
        MAX(country) AS country,
        COUNT(*) AS events, SUM(best) AS best, SUM(low) AS low, SUM(high) AS high,
        SUM(deaths_civilians) AS civilian_deaths
    FROM ged_events
    GROUP BY year, region, country_id, type_of_violence
),
events AS (
    SELECT
        p.year,
        p.region,
        c.iso3,
        p.country_id AS gw_code,
        p.country,
        CASE p.type_of_violence
            WHEN 1 THEN 'state-based'
            WHEN 2 THEN 'non-state'
            WHEN 3 THEN 'one-sided'
        END AS type,
        p.events, p.best, p.low, p.high, p.civilian_deaths
    FROM per_country AS p
    LEFT JOIN countries AS c ON c.gw_code = p.country_id
),
grouped AS (
    SELECT
        year, region, iso3, gw_code, type,
        GROUPING(region) AS g_region,
        GROUPING(gw_code) AS g_country,
        GROUPING(type) AS g_type,
        MAX(country) AS country,
        SUM(events) AS events, SUM(best) AS best, SUM(low) AS low, SUM(high) AS high,
        SUM(civilian_deaths) AS civilian_deaths
    FROM events
    GROUP BY GROUPING SETS (
        (year, type), (year),
        (region, year, type), (region, year),
        (region, iso3, gw_code, year, type), (region, iso3, gw_code, year)
    )
),
totals AS (
    SELECT
        CASE WHEN g_region = 1 THEN 'world' WHEN g_country = 1 THEN 'region' ELSE 'country' END AS level,
        CASE WHEN g_region = 1 THEN 'World' ELSE region END AS region,
        iso3, gw_code,
        CASE WHEN g_country = 1 THEN CAST(NULL AS VARCHAR) ELSE country END AS country,
        year,
        CASE WHEN g_type = 1 THEN 'all' ELSE type END AS type,
        events, best, low, high, civilian_deaths
    FROM grouped
),
lagged AS (
    SELECT *,
        LAG(year) OVER w AS prev_year,
        LAG(best) OVER w AS prev_best
    FROM totals
    WINDOW w AS (PARTITION BY level, region, gw_code, type ORDER BY year)
)
SELECT
    level, region, iso3, gw_code, country, year, type,
    events, best, low, high, civilian_deaths,
    CASE WHEN prev_year <> year - 1 OR prev_best IS NULL OR prev_best = 0 THEN NULL
         ELSE ROUND(CAST(best - prev_best AS DOUBLE) * 100.0 / prev_best, 1)
    END AS best_change_pct
FROM lagged
