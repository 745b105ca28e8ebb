-- State-based armed conflicts on each country's territory, per year (UCDP/PRIO ACD).
-- A conflict counts for every country of its location (gwno_loc): an interstate conflict
-- fought on two territories counts in both.
WITH located AS (
    SELECT conflict_id, year, intensity_level, type_of_conflict, unnest(gwno_loc) AS gw_code
    FROM acd_conflicts
)
SELECT
    located.year,
    countries.iso3,
    located.gw_code,
    countries.name_en AS country,
    COUNT(DISTINCT located.conflict_id) AS conflicts,
    COUNT(DISTINCT CASE WHEN located.intensity_level = 2 THEN located.conflict_id END) AS wars,
    COUNT(DISTINCT CASE WHEN located.type_of_conflict = 4 THEN located.conflict_id END)
        AS internationalised
FROM located
LEFT JOIN countries ON countries.gw_code = located.gw_code
GROUP BY located.year, countries.iso3, located.gw_code, countries.name_en
