-- ucdp.conflicts.active: active armed conflicts per year, in long format (one value per row).
--   basis 'acd': UCDP/PRIO Armed Conflict Dataset, state-based conflicts (one row per
--                conflict-year); type 'state-based' is all of them, the other types split
--                them by type_of_conflict.
--   basis 'ged': UCDP GED events with active_year true, per type of violence.
-- A conflict in several regions counts in each of them and once for the World. Every
-- (year, region, type) combination of a basis is listed, with 0 where nothing was counted;
-- new_conflicts is null for the first year of a basis (every conflict would be "new").
WITH acd AS (
    SELECT
        conflict_id,
        year,
        intensity_level,
        type_of_conflict,
        region AS region_codes,
        gwno_loc,
        year = MIN(year) OVER (PARTITION BY conflict_id) AS is_new
    FROM acd_conflicts
),
acd_typed AS (
    SELECT conflict_id, year, intensity_level, is_new, region_codes, gwno_loc,
           'state-based' AS type
    FROM acd
    UNION ALL
    SELECT conflict_id, year, intensity_level, is_new, region_codes, gwno_loc,
           CASE type_of_conflict
               WHEN 1 THEN 'extrasystemic'
               WHEN 2 THEN 'interstate'
               WHEN 3 THEN 'intrastate'
               WHEN 4 THEN 'internationalised intrastate'
           END
    FROM acd
),
acd_region_codes AS (
    SELECT conflict_id, year, intensity_level, is_new, type, unnest(region_codes) AS code
    FROM acd_typed
),
acd_placed AS (
    SELECT conflict_id, year, intensity_level, is_new, type, 'World' AS region FROM acd_typed
    UNION ALL
    SELECT conflict_id, year, intensity_level, is_new, type,
           CASE code
               WHEN 1 THEN 'Europe'
               WHEN 2 THEN 'Middle East'
               WHEN 3 THEN 'Asia'
               WHEN 4 THEN 'Africa'
               WHEN 5 THEN 'Americas'
           END
    FROM acd_region_codes
),
acd_locations AS (
    SELECT year, type, unnest(gwno_loc) AS gw_code FROM acd_typed
),
acd_located AS (
    SELECT year, type, gw_code, 'World' AS region FROM acd_locations
    UNION ALL
    -- The region of the country itself, from its Gleditsch-Ward code (METHODS.md §2).
    SELECT year, type, gw_code,
           CASE
               WHEN gw_code BETWEEN 2 AND 199 THEN 'Americas'
               WHEN gw_code BETWEEN 200 AND 399 THEN 'Europe'
               WHEN gw_code BETWEEN 400 AND 626 THEN 'Africa'
               WHEN gw_code BETWEEN 630 AND 699 THEN 'Middle East'
               WHEN gw_code BETWEEN 700 AND 999 THEN 'Asia'
           END
    FROM acd_locations
),
ged_keys AS (
    -- Every count below is of distinct conflicts or countries, so one row per year, region,
    -- country, conflict and type holds all they need: thousands of rows instead of every event
    -- for the window function and the counts that follow.
    SELECT DISTINCT year, region, country_id, conflict_new_id, type_of_violence
    FROM ged_events
    WHERE active_year
),
ged AS (
    SELECT
        year,
        region,
        country_id,
        conflict_new_id,
        CASE type_of_violence
            WHEN 1 THEN 'state-based'
            WHEN 2 THEN 'non-state'
            WHEN 3 THEN 'one-sided'
        END AS type,
        year = MIN(year) OVER (PARTITION BY conflict_new_id) AS is_new
    FROM ged_keys
),
ged_placed AS (
    SELECT year, 'World' AS region, country_id, conflict_new_id, type, is_new FROM ged
    UNION ALL
    SELECT year, region, country_id, conflict_new_id, type, is_new FROM ged
),
counts AS (
    SELECT 'acd' AS basis, year, region, type,
           COUNT(DISTINCT conflict_id) AS active_conflicts,
           COUNT(DISTINCT CASE WHEN intensity_level = 2 THEN conflict_id END) AS wars,
           COUNT(DISTINCT CASE WHEN is_new THEN conflict_id END) AS new_conflicts
    FROM acd_placed
    GROUP BY year, region, type
    UNION ALL
    SELECT 'ged', year, region, type,
           COUNT(DISTINCT conflict_new_id),
           CAST(NULL AS BIGINT),
           COUNT(DISTINCT CASE WHEN is_new THEN conflict_new_id END)
    FROM ged_placed
    GROUP BY year, region, type
),
measured AS (
    SELECT basis, year, region, type, 'active_conflicts' AS measure, active_conflicts AS value
    FROM counts
    UNION ALL
    SELECT basis, year, region, type, 'wars', wars FROM counts WHERE basis = 'acd'
    UNION ALL
    SELECT basis, year, region, type, 'new_conflicts', new_conflicts FROM counts
    UNION ALL
    SELECT 'acd', year, region, type, 'countries_with_conflict', COUNT(DISTINCT gw_code)
    FROM acd_located
    GROUP BY year, region, type
    UNION ALL
    SELECT 'ged', year, region, type, 'countries_with_conflict', COUNT(DISTINCT country_id)
    FROM ged_placed
    GROUP BY year, region, type
),
regions AS (
    SELECT column1 AS region
    FROM (VALUES ('World'), ('Africa'), ('Americas'), ('Asia'), ('Europe'), ('Middle East'))
),
grid AS (
    SELECT 'acd' AS basis, y.year, y.first_year, r.region, t.type, m.measure
    FROM (SELECT DISTINCT year, MIN(year) OVER () AS first_year FROM acd_conflicts) AS y
    CROSS JOIN regions AS r
    CROSS JOIN (VALUES ('state-based'), ('extrasystemic'), ('interstate'), ('intrastate'),
                       ('internationalised intrastate')) AS t(type)
    CROSS JOIN (VALUES ('active_conflicts'), ('wars'), ('new_conflicts'),
                       ('countries_with_conflict')) AS m(measure)
    UNION ALL
    SELECT 'ged', y.year, y.first_year, r.region, t.type, m.measure
    FROM (SELECT DISTINCT year, MIN(year) OVER () AS first_year FROM ged_keys) AS y
    CROSS JOIN regions AS r
    CROSS JOIN (VALUES ('state-based'), ('non-state'), ('one-sided')) AS t(type)
    CROSS JOIN (VALUES ('active_conflicts'), ('new_conflicts'),
                       ('countries_with_conflict')) AS m(measure)
)
SELECT
    g.year,
    g.basis,
    g.measure,
    g.region,
    g.type,
    CASE WHEN g.measure = 'new_conflicts' AND g.year = g.first_year THEN CAST(NULL AS BIGINT)
         ELSE COALESCE(m.value, 0)
    END AS value
FROM grid AS g
LEFT JOIN measured AS m
    ON m.basis = g.basis
   AND m.year = g.year
   AND m.region = g.region
   AND m.type = g.type
   AND m.measure = g.measure
