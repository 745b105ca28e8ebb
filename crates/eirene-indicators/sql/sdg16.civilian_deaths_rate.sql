-- sdg16.civilian_deaths_rate: civilian deaths in UCDP GED events (all three types of violence)
-- per 100,000 population (World Bank SP.POP.TOTL), per country-year, and a World row per year.
-- A UCDP-based proxy in the spirit of SDG 16.1.2, NOT the official OHCHR series.
-- Country rows: country-years with at least one GED event whose Gleditsch-Ward code matches the
-- country reference and that have a World Bank population (World Bank aggregates such as WLD
-- never match a country, so they never make a country row).
-- World row: the sum of the country rows' civilian deaths over the World Bank world
-- population (WLD); with a country subset of GED in the store it is that subset's deaths only.
WITH civilian AS (
    SELECT
        g.year,
        c.iso3,
        c.name_en AS country,
        c.ucdp_region AS region,
        SUM(g.deaths_civilians) AS civilian_deaths
    FROM ged_events AS g
    JOIN countries AS c ON c.gw_code = g.country_id
    GROUP BY g.year, c.iso3, c.name_en, c.ucdp_region
),
by_country AS (
    SELECT
        'country' AS level,
        d.year,
        d.iso3,
        d.country,
        d.region,
        d.civilian_deaths,
        p.population
    FROM civilian AS d
    JOIN population AS p ON p.code = d.iso3 AND p.year = d.year
),
world AS (
    SELECT
        'world' AS level,
        w.year,
        CAST(NULL AS VARCHAR) AS iso3,
        'World' AS country,
        'World' AS region,
        w.civilian_deaths,
        p.population
    FROM (SELECT year, SUM(civilian_deaths) AS civilian_deaths FROM by_country GROUP BY year) AS w
    JOIN population AS p ON p.code = 'WLD' AND p.year = w.year
),
combined AS (
    SELECT * FROM by_country
    UNION ALL
    SELECT * FROM world
)
SELECT
    level,
    year,
    iso3,
    country,
    region,
    civilian_deaths,
    population,
    CAST(civilian_deaths AS DOUBLE) * 100000.0 / CAST(population AS DOUBLE) AS rate_per_100k
FROM combined
