-- acled.event_types: events and fatalities by ACLED event type and sub-event type, for the world,
-- each ACLED region and each country, per year, from the user's own ACLED export.
-- `breakdown` says what a row counts: 'all' (every event of the place and year), 'event_type'
-- (one event type) or 'sub_event_type' (one sub-event type of an event type).
-- Political violence = events whose disorder_type contains 'Political violence'.
-- share_of_political_violence_pct = the row's political-violence events in per cent of all
-- political-violence events of the same place and year. The headline, Explosions/Remote violence
-- in per cent of political-violence events, is also on every 'all' row
-- (explosions_share_of_political_violence_pct), so one row per place and year answers it.
WITH events AS (
    SELECT
        a.year,
        a.region,
        -- ACLED codes Kosovo, which has no ISO 3166 numeric code, as 0.
        COALESCE(c.iso3, CASE WHEN a.iso = 0 AND a.country = 'Kosovo' THEN 'XKX' END) AS iso3,
        a.iso AS iso_numeric,
        a.country,
        a.event_type,
        a.sub_event_type,
        a.fatalities,
        CASE WHEN a.disorder_type LIKE '%Political violence%' THEN 1 ELSE 0 END AS pv,
        CASE WHEN a.civilian_targeting = 'Civilian targeting' THEN 1 ELSE 0 END AS ct,
        CASE WHEN a.disorder_type LIKE '%Political violence%'
                  AND a.event_type = 'Explosions/Remote violence' THEN 1 ELSE 0 END AS erv
    FROM acled_events AS a
    LEFT JOIN countries AS c ON c.iso_numeric = a.iso
),
places AS (
    SELECT 'world' AS level, 'World' AS region, CAST(NULL AS VARCHAR) AS iso3,
           CAST(NULL AS INT) AS iso_numeric, CAST(NULL AS VARCHAR) AS country,
           year, event_type, sub_event_type, fatalities, pv, ct, erv
    FROM events
    UNION ALL
    SELECT 'region', region, CAST(NULL AS VARCHAR), CAST(NULL AS INT), CAST(NULL AS VARCHAR),
           year, event_type, sub_event_type, fatalities, pv, ct, erv
    FROM events
    UNION ALL
    SELECT 'country', region, iso3, iso_numeric, country,
           year, event_type, sub_event_type, fatalities, pv, ct, erv
    FROM events
),
totals AS (
    SELECT level, region, iso3, iso_numeric, country, year, 'all' AS breakdown,
           CAST(NULL AS VARCHAR) AS event_type, CAST(NULL AS VARCHAR) AS sub_event_type,
           COUNT(*) AS events, SUM(fatalities) AS fatalities,
           SUM(pv) AS political_violence_events, SUM(ct) AS civilian_targeting_events,
           SUM(ct * fatalities) AS civilian_targeting_fatalities, SUM(erv) AS erv
    FROM places
    GROUP BY level, region, iso3, iso_numeric, country, year
    UNION ALL
    SELECT level, region, iso3, iso_numeric, country, year, 'event_type',
           event_type, CAST(NULL AS VARCHAR),
           COUNT(*), SUM(fatalities), SUM(pv), SUM(ct), SUM(ct * fatalities), SUM(erv)
    FROM places
    GROUP BY level, region, iso3, iso_numeric, country, year, event_type
    UNION ALL
    SELECT level, region, iso3, iso_numeric, country, year, 'sub_event_type',
           event_type, sub_event_type,
           COUNT(*), SUM(fatalities), SUM(pv), SUM(ct), SUM(ct * fatalities), SUM(erv)
    FROM places
    GROUP BY level, region, iso3, iso_numeric, country, year, event_type, sub_event_type
)
SELECT
    t.level, t.region, t.iso3, t.iso_numeric, t.country, t.year,
    t.breakdown, t.event_type, t.sub_event_type,
    t.events, t.fatalities, t.political_violence_events,
    t.civilian_targeting_events, t.civilian_targeting_fatalities,
    ROUND(CAST(t.events AS DOUBLE) * 100.0 / p.events, 1) AS share_of_events_pct,
    CASE WHEN p.political_violence_events = 0 THEN NULL
         ELSE ROUND(CAST(t.political_violence_events AS DOUBLE) * 100.0
                    / p.political_violence_events, 1)
    END AS share_of_political_violence_pct,
    CASE WHEN t.breakdown <> 'all' OR p.political_violence_events = 0 THEN NULL
         ELSE ROUND(CAST(t.erv AS DOUBLE) * 100.0 / p.political_violence_events, 1)
    END AS explosions_share_of_political_violence_pct
FROM totals AS t
JOIN totals AS p
    ON p.breakdown = 'all'
   AND p.level = t.level
   AND p.region = t.region
   AND COALESCE(p.iso_numeric, -1) = COALESCE(t.iso_numeric, -1)
   AND COALESCE(p.country, '') = COALESCE(t.country, '')
   AND p.year = t.year
