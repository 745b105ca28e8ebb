-- unhcr.displacement: people displaced across borders and inside their country, and stateless
-- people, per year, for the world, each country of origin and each country of asylum.
-- forcibly_displaced = refugees (UNHCR mandate) + unrwa_refugees (Palestine refugees, UNRWA
-- mandate) + asylum_seekers + other_in_need (other people in need of international protection)
-- + idps (IDMC: internally displaced by conflict and violence), missing components counted as 0.
-- Stateless people are not part of it. IDMC IDPs count for their own country both as origin and
-- as asylum. Non-ISO codes (UNK unknown, XXA stateless, TIB Tibetan, AB9 Abyei Area in IDMC)
-- keep their own rows with a null iso3, and always count in the world.
WITH parts AS (
    SELECT year, coo_iso, coo_name, coa_iso, coa_name,
           refugees, CAST(NULL AS BIGINT) AS unrwa_refugees, asylum_seekers,
           oip AS other_in_need, CAST(NULL AS BIGINT) AS idps, stateless
    FROM displacement
    UNION ALL
    SELECT year, coo_iso, coo_name, coa_iso, coa_name,
           CAST(NULL AS BIGINT), total, CAST(NULL AS BIGINT),
           CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)
    FROM unrwa_refugees
    UNION ALL
    SELECT year, coo_iso, coo_name, coa_iso, coa_name,
           CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT),
           CAST(NULL AS BIGINT), total, CAST(NULL AS BIGINT)
    FROM idmc_idps
),
views AS (
    SELECT 'world' AS perspective, CAST(NULL AS VARCHAR) AS code, 'World' AS unhcr_name,
           year, refugees, unrwa_refugees, asylum_seekers, other_in_need, idps, stateless
    FROM parts
    UNION ALL
    SELECT 'origin', coo_iso, coo_name,
           year, refugees, unrwa_refugees, asylum_seekers, other_in_need, idps, stateless
    FROM parts
    UNION ALL
    SELECT 'asylum', coa_iso, coa_name,
           year, refugees, unrwa_refugees, asylum_seekers, other_in_need, idps, stateless
    FROM parts
),
totals AS (
    SELECT perspective, code, MAX(unhcr_name) AS unhcr_name, year,
           SUM(refugees) AS refugees,
           SUM(unrwa_refugees) AS unrwa_refugees,
           SUM(asylum_seekers) AS asylum_seekers,
           SUM(other_in_need) AS other_in_need,
           SUM(idps) AS idps,
           SUM(stateless) AS stateless
    FROM views
    GROUP BY perspective, code, year
)
SELECT
    t.year,
    t.perspective,
    c.iso3,
    t.code AS unhcr_code,
    COALESCE(c.name_en, t.unhcr_name) AS country,
    t.refugees,
    t.unrwa_refugees,
    t.asylum_seekers,
    t.other_in_need,
    t.idps,
    t.stateless,
    COALESCE(t.refugees, 0) + COALESCE(t.unrwa_refugees, 0) + COALESCE(t.asylum_seekers, 0)
        + COALESCE(t.other_in_need, 0) + COALESCE(t.idps, 0) AS forcibly_displaced
FROM totals AS t
LEFT JOIN countries AS c ON c.iso3 = t.code
